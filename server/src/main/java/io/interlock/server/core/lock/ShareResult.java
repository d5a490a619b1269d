package io.interlock.server.core.lock;

/** Outcome of registering an open for share-mode checks. */
public sealed interface ShareResult {
    /** The open is registered. */
    record Granted(ShareOpen open) implements ShareResult {}

    /** STATUS_SHARING_VIOLATION: {@code conflict} is an existing open that forbids the new one. */
    record SharingViolation(ShareOpen conflict) implements ShareResult {}

    default boolean granted() {
        return this instanceof Granted;
    }
}
