package io.interlock.server.core.lock;

/**
 * How the lock manager tells a lease holder to give up caching state. The SMB adapter implements it
 * and sends LEASE_BREAK_NOTIFICATION ([MS-SMB2] 2.2.23.2) on a connection of the lease's client.
 * Called without any lock-manager lock held; must not block.
 */
@FunctionalInterface
public interface BreakNotifier {
    void leaseBreak(LeaseBreakNotice notice);
}
