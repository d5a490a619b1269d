package io.interlock.server.core.lock;

/**
 * Operations that conflict with cached state, and the most each leaves a holder of another key
 * (ARCHITECTURE.md §1.1 break table; MS-SMB2 3.3.1.4; spec R-XP-1..8).
 */
public enum BreakTrigger {
    /** NFS WRITE, SETATTR(size), truncating CREATE, SMB write by another key: R and W go, to NONE. */
    WRITE(LeaseState.NONE),
    /** NFS READ: strip W only (RWH→RH, RW→R), so the holder flushes first. */
    READ(LeaseState.RH),
    /** A non-stat SMB CREATE by another key: strip W (RWH→RH, RW→R). */
    OPEN(LeaseState.RH),
    /** A CREATE that meets a share-mode conflict: strip H so the holder closes cached handles. */
    SHARING(LeaseState.RW),
    /** NFS REMOVE/RENAME of the file (source, or a replaced target): everything, to NONE. */
    DELETE(LeaseState.NONE),
    /**
     * An NLM byte-range lock: everything, to NONE; waits for every ack-required break, because NLM's
     * bounded wait relies on it (R-XP-8).
     */
    LOCK(LeaseState.NONE),
    /**
     * An SMB byte-range LOCK by another key: everything, to NONE, but it waits only for holders of
     * W without H (RW lease, EXCLUSIVE) and for BATCH; RH and RWH leases get an ack-required break
     * that does not hold the lock (catalog §2.4 LOCK row, R-SMB-34, smbtorture lease.lock1).
     */
    SMB_LOCK(LeaseState.NONE),
    /** A change inside a directory: directory leases on it go to NONE. */
    DIRECTORY_CHANGE(LeaseState.NONE),
    /**
     * An SMB rename of the file (or a parent) or delete (delete-on-close, disposition) by another key:
     * strip H (RH→R, RWH→RW, BATCH→II) and wait (catalog §2.4, R-SMB-35).
     */
    NAMESPACE(LeaseState.RW);

    private final int allowed;

    BreakTrigger(int allowed) {
        this.allowed = allowed;
    }

    /** Bits a holder may keep once this trigger's break is done. */
    public int allowedState() {
        return allowed;
    }

    /** The state a holder of {@code current} breaks to. */
    public int targetFor(int current) {
        int t = current & allowed;
        // H or W without R is not a valid state
        return (t & LeaseState.READ) == 0 ? LeaseState.NONE : t;
    }

    /**
     * Whether the operation waits for a holder of {@code current} (a lease, or an oplock when {@code
     * oplock}) to acknowledge its break (catalog §2.4 "wait"): WRITE only for holders of W (an RH
     * lease gets an ack-required break that does not hold the write, R-SMB-32/33); SMB_LOCK only for
     * leases holding W without H and for oplocks holding W (EXCLUSIVE, BATCH; R-SMB-34). Every other
     * trigger, NLM's LOCK included, waits for every ack-required break.
     */
    public boolean waitsFor(int current, boolean oplock) {
        return switch (this) {
            case WRITE -> (current & LeaseState.WRITE) != 0;
            case SMB_LOCK ->
                oplock
                        ? (current & LeaseState.WRITE) != 0
                        : (current & (LeaseState.WRITE | LeaseState.HANDLE)) == LeaseState.WRITE;
            default -> true;
        };
    }

    /** Whether a holder of {@code current} must be broken. */
    public boolean conflictsWith(int current) {
        return targetFor(current) != current;
    }
}
