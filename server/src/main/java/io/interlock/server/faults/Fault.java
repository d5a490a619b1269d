package io.interlock.server.faults;

/**
 * Named switches that re-create known cross-protocol bugs on demand. Each is checked at exactly
 * one place in the server. All are off by default; none is compiled out. Each constant says which
 * real bug it re-creates and which catalog requirement it violates ({@code ../shared/spec}).
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
    NO_WAIT_FOR_BREAK,

    // ---- leases

    /**
     * An NFS READ breaks a W lease to R, dropping H too (RWH→R instead of RH): DittoFS HEAD's
     * {@code CheckAndBreakForRead} (spec §4.2). Violates R-XP-3 / R-SMB-81 (strip W only).
     */
    READ_BREAK_DROPS_HANDLE,
    /**
     * A break of a v2 lease does not advance its epoch, so LEASE_BREAK_NOTIFICATION carries the old
     * NewEpoch and a client cannot order it against CREATE responses (an epoch bookkeeping slip
     * smbtorture's {@code lease.v2_epoch*} tests exist for). Violates R-SMB-48 / R-SMB-60.
     */
    EPOCH_NOT_INCREMENTED,
    /**
     * Every lease break requires an acknowledgement, R→NONE included: the flag is set and the server
     * holds the lease Breaking (and makes waiting operations wait) for an ack the client need not
     * send. Violates R-SMB-47 (ACK_REQUIRED iff the current state holds W or H).
     */
    ACK_REQUIRED_ALWAYS,
    /**
     * A conflicting operation breaks only the first holder of the file (plausible in a server that
     * keeps one oplock per file, or whose break loop stops at the first conflict); other clients'
     * leases keep caching. Violates R-XP-2 / R-SMB-80 (every holder breaks) and R-XP-8.
     */
    BREAK_ONE_HOLDER_ONLY,
    /**
     * A same-key open upgrades a lease that is still breaking, granting W or H back before the
     * holder acknowledged the break. Violates R-SMB-21 (no upgrade while Breaking) and R-SMB-23.
     */
    LEASE_UPGRADE_WHILE_BREAKING,

    // ---- directory leases, namespace operations, truncation

    /**
     * NFS CREATE, MKDIR, SYMLINK, MKNOD, LINK, REMOVE, RMDIR and RENAME do not break the parent
     * directory's lease: a server without DittoFS's {@code OnDirChange} hook (the path its
     * {@code SMBDirLeaseBreakOnNFS*} e2e tests guard). Violates R-XP-5.
     */
    SKIP_DIR_LEASE_BREAK,
    /**
     * NFS RENAME breaks the source's lease but not the lease on the existing target it replaces
     * (the clobbered target that Chimera's break-before-mutate work, #1070/#1071, names explicitly).
     * Violates R-XP-4.
     */
    RENAME_TARGET_NOT_BROKEN,
    /**
     * NFS SETATTR(size) and a CREATE UNCHECKED with a size over an existing file break no lease
     * (the DittoFS HEAD gap; knfsd calls break_lease in nfsd_setattr). Violates R-XP-6 / R-SMB-80.
     */
    SKIP_TRUNCATE_BREAK,
    /**
     * NFS WRITE and REMOVE break leases before the checks that can still fail, so a WRITE refused
     * with ISDIR/INVAL/FBIG/ACCES or a REMOVE refused with ISDIR has already broken the object's
     * leases (DittoFS HEAD, spec §4.2). Violates R-XP-12.
     */
    FAILED_OP_BREAKS,

    // ---- NLM and byte-range locks

    /**
     * NLM LOCK does not break SMB leases: the lock is granted while an SMB client still caches
     * writes (DittoFS #1495, fixed by #1501). Violates R-XP-8 / R-SMB-83.
     */
    NLM_LOCK_IGNORES_LEASES,
    /**
     * NLM and SMB byte-range locks do not see each other: lock, test and queue checks look only at
     * locks of the requester's own protocol (DittoFS audit H1, separate maps). Violates R-XP-10.
     */
    SEPARATE_LOCK_TABLES,
    /**
     * SMB READ and WRITE are checked only against SMB byte-range locks, so an SMB WRITE lands inside
     * an NLM exclusive lock (DittoFS audit H2, {@code CheckForIO}). Violates R-XP-10.
     */
    SMB_IO_IGNORES_NLM_LOCKS,
    /**
     * A blocked NLM waiter is not granted when the conflicting SMB lock goes away through SMB
     * UNLOCK or CLOSE; only an NLM release re-examines the NLM queue (DittoFS #1035). Violates
     * R-XP-10 / R-NLM-4 (GRANTED within 1 s of the release).
     */
    NLM_WAITER_NOT_WOKEN_BY_SMB,
    /**
     * An unlock of part of a lock drops the whole lock instead of splitting it, so the bytes left
     * outside the unlocked range are no longer protected. Violates R-NLM-7.
     */
    UNLOCK_NO_SPLIT,

    // ---- timers

    /**
     * The break timer revokes only breaks some operation waits for (expiry enforced by the waiters,
     * as at DittoFS HEAD, spec §4.4): a break nobody waits for (any NFS operation's under the NOTIFY
     * policy, a WRITE's break of an RH lease) stays Breaking past the timeout until an operation that
     * waits comes along. Violates R-XP-15 and R-SMB-68.
     */
    NO_REVOKE_WITHOUT_WAITER,

    // ---- share-list cache

    /**
     * Disabled shares stay in the srvsvc NetShareEnumAll list (DittoFS lists them, spec §5.2).
     * Violates R-CACHE-5 (decided policy: disabled shares are not listed).
     */
    DISABLED_SHARE_LISTED
}
