package io.interlock.scenarios.model;

/**
 * The cached state of a lease ([MS-SMB2] 3.3.1.12) or a traditional oplock (3.3.1.10, as bits:
 * II = R, EXCLUSIVE = RW, BATCH = RWH).
 *
 * @param state LeaseState; the pre-ack state while breaking (R-SMB-23)
 * @param breaking a break notification that needs an ack is outstanding
 * @param breakTo BreakToLeaseState (the notified target) while breaking
 * @param required the lowest state some conflicting operation needs; below {@code breakTo} when a
 *     conflict arrived during the break (R-SMB-57/58: the follow-up break after the ack)
 * @param epoch the v2 Lease.Epoch (R-SMB-60); 0 for v1 leases and oplocks
 * @param version 1 or 2 for leases, fixed at creation (R-SMB-6); 0 for oplocks
 * @param breakSentAt virtual time the outstanding notification was sent (the ack timer's start)
 * @param parentKey the v2 ParentLeaseKey the lease was created with, or null (R-SMB-7)
 * @param endedBy the rule by which the last break ended without an ack (R-SMB-68 when an operation
 *     waited for it, R-XP-15 when none did), or null; a later ack then cites it
 */
public record Holder(
        HolderId id,
        long inode,
        int state,
        boolean breaking,
        int breakTo,
        int required,
        int epoch,
        int version,
        long breakSentAt,
        String parentKey,
        String endedBy) {

    public boolean oplock() {
        return id.oplock();
    }

    public Holder withState(int s) {
        return new Holder(id, inode, s, breaking, breakTo, required, epoch, version, breakSentAt, parentKey, endedBy);
    }

    public Holder withEpoch(int e) {
        return new Holder(id, inode, state, breaking, breakTo, required, e, version, breakSentAt, parentKey, endedBy);
    }

    public Holder withRequired(int r) {
        return new Holder(id, inode, state, breaking, breakTo, r, epoch, version, breakSentAt, parentKey, endedBy);
    }

    /** Starts waiting for an ack of a break to {@code to}, sent at {@code now}. */
    public Holder breakingTo(int to, long now) {
        return new Holder(id, inode, state, true, to, to, epoch, version, now, parentKey, null);
    }

    /** Ends the outstanding break with {@code s} as the state. */
    public Holder settled(int s) {
        return new Holder(id, inode, s, false, 0, required, epoch, version, 0, parentKey, null);
    }

    /** The holder after a break ended without an ack, by {@code rule}. */
    public Holder endedBy(String rule) {
        return new Holder(id, inode, state, breaking, breakTo, required, epoch, version, breakSentAt, parentKey, rule);
    }

    /** Whether the state satisfies an operation that needs at most {@code need}, with no break pending. */
    public boolean satisfies(int need) {
        return !breaking && (state & ~need) == 0;
    }
}
