package io.interlock.server.core.lock;

/** Outcome of a byte-range lock request. */
public sealed interface LockResult {
    /** The lock is held (possibly merged with the owner's adjacent locks). */
    record Granted(ByteRangeLock lock) implements LockResult {}

    /** Another owner holds a conflicting lock; {@code holder} is one of them (for NLM TEST). */
    record Denied(ByteRangeLock holder) implements LockResult {}

    default boolean granted() {
        return this instanceof Granted;
    }
}
