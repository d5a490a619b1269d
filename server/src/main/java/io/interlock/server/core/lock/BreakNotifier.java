package io.interlock.server.core.lock;

/**
 * How the lock manager tells a lease or oplock holder to give up caching state. The SMB adapter
 * implements it and sends LEASE_BREAK_NOTIFICATION ([MS-SMB2] 2.2.23.2) on a connection of the
 * lease's client, or OPLOCK_BREAK ([MS-SMB2] 2.2.23.1) on the open's connection. Called without any
 * lock-manager lock held; must not block.
 */
@FunctionalInterface
public interface BreakNotifier {
    void leaseBreak(LeaseBreakNotice notice);

    /**
     * An oplock break. The default does nothing: an adapter that grants oplocks (through {@link
     * LockManager#requestOplock}) must override it.
     */
    default void oplockBreak(OplockBreakNotice notice) {}
}
