package io.interlock.scenarios.model;

import java.util.Map;

/**
 * A request the server must not answer yet because breaks it needs are pending (R-XP-7 under WAIT,
 * R-SMB-30/31/32 for a CREATE, R-XP-8 for an NLM LOCK).
 *
 * @param inode the object the request resolved to when it arrived (its file handle), or -1
 * @param waits each holder waited on, with the most it may still hold for the operation to go on
 * @param since virtual time the request was first held
 * @param deadline virtual time at which it goes on anyway (the NLM bound of R-XP-8); Long.MAX_VALUE
 *     when only the break timer bounds it
 * @param rule the rule that holds it
 * @param orphan its client disconnected: it still takes effect, but no reply can be seen
 * @param cancelled an NLM CANCEL withdrew it (R-XP-8: no lock, leases left alone)
 * @param timedOut a break it waited on ended by the timer (R-XP-9)
 */
public record HeldOp(
        long req,
        String client,
        ModelInput.Request input,
        long inode,
        Map<HolderId, Integer> waits,
        long since,
        long deadline,
        String rule,
        boolean orphan,
        boolean cancelled,
        boolean timedOut) {
    public HeldOp {
        waits = Map.copyOf(waits);
    }

    public HeldOp withWaits(Map<HolderId, Integer> w, String r) {
        return new HeldOp(req, client, input, inode, w, since, deadline, r, orphan, cancelled, timedOut);
    }

    public HeldOp asOrphan() {
        return new HeldOp(req, client, input, inode, waits, since, deadline, rule, true, cancelled, timedOut);
    }

    public HeldOp asCancelled() {
        return new HeldOp(req, client, input, inode, waits, since, deadline, rule, orphan, true, timedOut);
    }

    public HeldOp asTimedOut() {
        return new HeldOp(req, client, input, inode, waits, since, deadline, rule, orphan, cancelled, true);
    }

    /** Whether an SMB request (it got an interim response when it was held, R-SMB-65). */
    public boolean smb() {
        return isSmb(input);
    }

    static boolean isSmb(ModelInput in) {
        return in instanceof ModelInput.SmbCreate
                || in instanceof ModelInput.SmbRead
                || in instanceof ModelInput.SmbWrite
                || in instanceof ModelInput.SmbSetEndOfFile
                || in instanceof ModelInput.SmbLock
                || in instanceof ModelInput.SmbUnlock
                || in instanceof ModelInput.SmbClose
                || in instanceof ModelInput.SmbLeaseAck
                || in instanceof ModelInput.SmbOplockAck;
    }
}
