package io.interlock.server.faults;

/**
 * Named switches that re-create known cross-protocol bugs on demand. Each is checked at exactly
 * one place in the server. All are off by default; none is compiled out.
 */
public enum Fault {
    /** NFS data and namespace operations do not break SMB leases (seed bug BUG-04, DittoFS #213). */
    SKIP_NFS_BREAK,
    /** Share add/remove does not invalidate the IPC$ share-list cache (BUG-06, DittoFS #235). */
    SKIP_SHARE_CACHE_INVALIDATION,
    /** Lease and oplock break notifications are not sent (the state still changes to Breaking). */
    DROP_BREAK_NOTIFICATION,
    /** Break acknowledgements are ignored: the break only ends at the timeout. */
    IGNORE_BREAK_ACK,
    /** The break timer fires at once instead of after the break timeout. */
    BREAK_TIMER_EARLY,
    /** The NFS operation changes data first and breaks leases afterwards. */
    BREAK_AFTER_DATA_CHANGE,
    /** NFS operations do not wait for the break, whatever the configured policy (fire-and-forget). */
    NO_WAIT_FOR_BREAK
}
