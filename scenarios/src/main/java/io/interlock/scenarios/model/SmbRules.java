package io.interlock.scenarios.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SMB2 CLOSE, READ, WRITE, SET_INFO EndOfFile, LOCK and UNLOCK (CREATE: {@link SmbCreateRules};
 * acks: {@link Breaks}). Break triggers per catalog §2.4 and R-SMB-33/34; byte-range checks per
 * R-XP-10 (SMB locks are mandatory for SMB I/O).
 */
final class SmbRules {
    private SmbRules() {}

    private static SmbOpen open(Step s, String client, String handle, long req) {
        SmbOpen o = openForClose(s, client, handle, req);
        if (o != null && !o.directory() && nameOf(s, o.inode()) == null) {
            // D-1, a decision of this project where the catalogs are silent: once NFS removed (or
            // renamed over) the last name of a file, SMB requests on the opens that still refer to
            // it answer STATUS_FILE_CLOSED; the reference server does not keep unlinked files
            // alive, as POSIX unlink would (README, "Decisions the model encodes"). Other servers
            // may do either: there the check stops
            if (!s.cfg.projectDecisions()) {
                throw Step.unmodelled("SMB I/O on an open whose file NFS unlinked (D-1: servers differ)");
            }
            s.reply("D-1", req, Status.STATUS_FILE_CLOSED);
            return null;
        }
        return o;
    }

    /** The open a request names, or null after answering STATUS_FILE_CLOSED. */
    private static SmbOpen openForClose(Step s, String client, String handle, long req) {
        SmbOpen o = s.opens.get(new OpenId(client, handle));
        if (o == null) {
            s.reply("R-SMB-69", req, Status.STATUS_FILE_CLOSED);
        }
        return o;
    }

    /**
     * CLOSE: the open goes, with its locks, its oplock, and its lease when it was the lease's last
     * open; operations waiting on them go on at once (R-SMB-69; R-XP-10: an NLM waiter is GRANTED).
     */
    static void close(Step s, ModelInput.SmbClose c) {
        s.quietRule = "R-SMB-69";
        s.releaseRule = "R-SMB-69";
        s.grantRule = "R-XP-10";
        SmbOpen o = openForClose(s, c.client(), c.handle(), c.req());
        if (o == null) {
            return;
        }
        closeOpen(s, o, true);
        s.reply("R-SMB-69", c.req(), Status.STATUS_SUCCESS);
    }

    /**
     * Removes an open. Pending LOCKs and held requests on it end: with a reply on an explicit CLOSE
     * (the catalogs name no status: RANGE_NOT_LOCKED, CANCELLED or FILE_CLOSED), silently on a
     * disconnect. Closing an open that wrote data breaks the parent's directory leases other than
     * the open's own parent lease (catalog §3.1 v2_request).
     */
    static void closeOpen(Step s, SmbOpen o, boolean explicit) {
        Set<String> ended = Set.of(Status.STATUS_RANGE_NOT_LOCKED, Status.STATUS_CANCELLED, Status.STATUS_FILE_CLOSED);
        for (LockWaiter w : List.copyOf(s.waiters)) {
            if (w.owner().equals(o.id())) {
                s.waiters.remove(w);
                if (explicit) {
                    s.reply("R-SMB-69", w.req(), ended);
                }
            }
        }
        for (HeldOp h : List.copyOf(s.held.values())) {
            if (handleOf(h.input()) != null && handleOf(h.input()).equals(o.id())) {
                s.held.remove(h.req());
                if (explicit) {
                    s.reply("R-SMB-69", h.req(), ended);
                }
            }
        }
        HolderId leaseId = o.leaseHolder();
        Holder lease = leaseId == null ? null : s.holders.get(leaseId);
        s.opens.remove(o.id());
        s.locks.removeIf(l -> l.owner().equals(o.id()));
        s.holders.remove(HolderId.oplock(o.id()));
        if (lease != null) {
            boolean last = true;
            for (SmbOpen other : s.opens.values()) {
                if (leaseId.equals(other.leaseHolder())) {
                    last = false;
                }
            }
            if (last) {
                s.holders.remove(leaseId); // R-SMB-69: the lease ends with its last open
            }
        }
        if (o.modified()) {
            String name = nameOf(s, o.inode());
            Inode dir = name == null ? null : s.lookup(Files.parent(name));
            if (dir != null) {
                HolderId exempt = lease == null || lease.parentKey() == null
                        ? null
                        : HolderId.lease(o.id().client(), lease.parentKey());
                for (Holder h : s.holdersOn(dir.id())) {
                    if (!h.id().equals(exempt)) {
                        Breaks.request(s, h.id(), CacheBits.NONE, "R-XP-5"); // CLOSE never waits
                    }
                }
            }
        }
        Files.collect(s, o.inode());
    }

    /** The open an SMB request acts on, or null. */
    private static OpenId handleOf(ModelInput in) {
        if (in instanceof ModelInput.SmbWrite w) {
            return new OpenId(w.client(), w.handle());
        }
        if (in instanceof ModelInput.SmbRead r) {
            return new OpenId(r.client(), r.handle());
        }
        if (in instanceof ModelInput.SmbSetEndOfFile e) {
            return new OpenId(e.client(), e.handle());
        }
        if (in instanceof ModelInput.SmbLock l) {
            return new OpenId(l.client(), l.handle());
        }
        return null;
    }

    /** Some name of an inode, or null when it has none. */
    static String nameOf(Step s, long inode) {
        for (Map.Entry<String, Long> e : s.names.entrySet()) {
            if (e.getValue() == inode) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * READ: data up to the end of the file, STATUS_END_OF_FILE at or past it; another owner's
     * exclusive lock over the range refuses it (R-XP-10). A READ through another key strips W (catalog
     * §2.4 READ row; over SMB W is normally gone already, as any other open broke it).
     */
    static void read(Step s, ModelInput.SmbRead r, HeldOp prior) {
        s.quietRule = "R-SMB-81";
        SmbOpen o = open(s, r.client(), r.handle(), r.req());
        if (o == null) {
            return;
        }
        if (o.directory()) {
            s.reply("R-SMB-81", r.req(), Status.STATUS_INVALID_DEVICE_REQUEST);
            return;
        }
        if (!Smb2Access.canRead(o.access())) {
            s.reply("R-SMB-81", r.req(), Status.STATUS_ACCESS_DENIED);
            return;
        }
        if (r.length() > 0
                && Locks.smbIoConflict(s, o.id(), o.inode(), r.offset(), r.offset() + r.length() - 1, false)) {
            s.reply("R-XP-10", r.req(), Status.STATUS_FILE_LOCK_CONFLICT);
            return;
        }
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(o.inode())) {
            if (!ownKey(o, h) && Breaks.request(s, h.id(), CacheBits.RH, "R-SMB-81")) {
                waits.put(h.id(), CacheBits.RH);
            }
        }
        if (!waits.isEmpty()) {
            Releases.hold(s, r, o.inode(), waits, "R-SMB-81", prior, Long.MAX_VALUE);
            return;
        }
        Bytes content = s.inode(o.inode()).content();
        if (r.length() > 0 && r.offset() >= content.size()) {
            s.reply("R-SMB-81", r.req(), Status.STATUS_END_OF_FILE);
            return;
        }
        Bytes data = content.slice(r.offset(), r.length());
        s.reply(
                prior != null ? s.releaseRule : "R-SMB-81",
                r.req(),
                Set.of(Status.STATUS_SUCCESS),
                new PayloadMatch.ReadPrefix(data, false, false));
    }

    /** Whether holder {@code h} is the open's own key: its lease, or its own oplock. */
    private static boolean ownKey(SmbOpen o, Holder h) {
        return h.id().equals(o.leaseHolder()) || h.id().equals(HolderId.oplock(o.id()));
    }

    /**
     * WRITE (and SET_INFO EndOfFile, which breaks the same way): R-SMB-33 breaks R/RH leases of
     * other keys and every Level II, the writer's own included, to NONE; RW/RWH of other keys go to
     * NONE and are waited for; RH gets ACK_REQUIRED without a wait. The own lease and the own
     * EXCLUSIVE/BATCH oplock are not broken (nobreakself, batch21). A lock of another owner, or the
     * open's own shared lock, over the range refuses the write (R-XP-10).
     */
    static void write(Step s, ModelInput.SmbWrite w, HeldOp prior) {
        s.quietRule = "R-SMB-33";
        SmbOpen o = open(s, w.client(), w.handle(), w.req());
        if (o == null) {
            return;
        }
        if (o.directory()) {
            s.reply("R-SMB-33", w.req(), Status.STATUS_INVALID_DEVICE_REQUEST);
            return;
        }
        if (!Smb2Access.canWrite(o.access())) {
            s.reply("R-SMB-33", w.req(), Status.STATUS_ACCESS_DENIED);
            return;
        }
        long len = w.data().size();
        if (len > 0 && Locks.smbIoConflict(s, o.id(), o.inode(), w.offset(), w.offset() + len - 1, true)) {
            s.reply("R-XP-10", w.req(), Status.STATUS_FILE_LOCK_CONFLICT);
            return;
        }
        if (breakForData(s, o, w, prior)) {
            return;
        }
        Inode n = s.inode(o.inode());
        Files.setContent(s, n.id(), n.content().write(w.offset(), w.data()));
        s.opens.put(o.id(), o.asModified());
        s.reply(prior != null ? s.releaseRule : s.proceeded("R-SMB-33"), w.req(), Status.STATUS_SUCCESS);
    }

    /** SET_INFO FileEndOfFileInformation: breaks like a WRITE (R-SMB-33), then resizes. */
    static void setEndOfFile(Step s, ModelInput.SmbSetEndOfFile e, HeldOp prior) {
        s.quietRule = "R-SMB-33";
        SmbOpen o = open(s, e.client(), e.handle(), e.req());
        if (o == null) {
            return;
        }
        if (o.directory()) {
            s.reply("R-SMB-33", e.req(), Status.STATUS_INVALID_PARAMETER);
            return;
        }
        if (!Smb2Access.canWrite(o.access())) {
            s.reply("R-SMB-33", e.req(), Status.STATUS_ACCESS_DENIED);
            return;
        }
        if (breakForData(s, o, e, prior)) {
            return;
        }
        Inode n = s.inode(o.inode());
        Files.setContent(s, n.id(), n.content().resize(e.size()));
        s.opens.put(o.id(), o.asModified());
        s.reply(prior != null ? s.releaseRule : s.proceeded("R-SMB-33"), e.req(), Status.STATUS_SUCCESS);
    }

    /** R-SMB-33's breaks; true when the request is held. */
    private static boolean breakForData(Step s, SmbOpen o, ModelInput.Request in, HeldOp prior) {
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(o.inode())) {
            boolean levelTwo = h.oplock() && h.state() == CacheBits.R;
            if (ownKey(o, h) && !levelTwo) {
                continue;
            }
            boolean hadW = (h.state() & CacheBits.W) != 0;
            if (Breaks.request(s, h.id(), CacheBits.NONE, "R-SMB-33")) {
                if (hadW) {
                    waits.put(h.id(), CacheBits.NONE);
                } else {
                    s.proceedRule = "R-SMB-33"; // RH: ACK_REQUIRED, but the write is not held
                }
            }
        }
        if (waits.isEmpty()) {
            return false;
        }
        Releases.hold(s, in, o.inode(), waits, "R-SMB-33", prior, Long.MAX_VALUE);
        return true;
    }

    /**
     * LOCK: R-SMB-34 breaks R/RH/RWH leases of other keys and every Level II (the own one included)
     * to NONE; it waits only for W-without-H holders (RW, EXCLUSIVE) and BATCH; the own lease is
     * kept (lock1). Then the byte-range table decides (R-XP-10): FAIL_IMMEDIATELY → LOCK_NOT_GRANTED
     * (or FILE_LOCK_CONFLICT, both allowed by R-XP-10); otherwise the LOCK goes async until the
     * conflict is gone.
     */
    static void lock(Step s, ModelInput.SmbLock l, HeldOp prior) {
        s.quietRule = "R-SMB-34";
        SmbOpen o = open(s, l.client(), l.handle(), l.req());
        if (o == null) {
            return;
        }
        if (l.length() == 0) {
            throw Step.unmodelled("zero-length SMB lock");
        }
        if (Locks.overflows(l.offset(), l.length())) {
            s.reply("R-NLM-8", l.req(), Status.STATUS_INVALID_LOCK_RANGE);
            return;
        }
        if (o.directory() || !(Smb2Access.canRead(o.access()) || Smb2Access.canWrite(o.access()))) {
            s.reply("R-SMB-34", l.req(), Set.of(Status.STATUS_ACCESS_DENIED, Status.STATUS_INVALID_PARAMETER));
            return;
        }
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(o.inode())) {
            boolean levelTwo = h.oplock() && h.state() == CacheBits.R;
            if (ownKey(o, h) && !levelTwo) {
                continue;
            }
            int st = h.state();
            boolean waitFor = h.oplock() ? (st & CacheBits.W) != 0 : st == CacheBits.RW;
            if (Breaks.request(s, h.id(), CacheBits.NONE, "R-SMB-34")) {
                if (waitFor) {
                    waits.put(h.id(), CacheBits.NONE);
                } else {
                    s.proceedRule = "R-SMB-34"; // RH, RWH: ACK_REQUIRED, the lock is not held
                }
            }
        }
        if (!waits.isEmpty()) {
            Releases.hold(s, l, o.inode(), waits, "R-SMB-34", prior, Long.MAX_VALUE);
            return;
        }
        long last = Locks.last(l.offset(), l.length());
        if (!l.exclusive() && Locks.ownExclusiveOverlaps(s, o.id(), o.inode(), l.offset(), last)) {
            // Samba stacks it (brl_conflict), the reference server refuses it (Smb2LockHandler
            // ownConflict): the catalogs are silent, and which one happened decides every later check
            throw Step.unmodelled("a shared SMB lock over the open's own exclusive lock");
        }
        if (Locks.conflicts(s, o.id(), o.inode(), l.offset(), last, l.exclusive())
                .isEmpty()) {
            Locks.insertSmb(s, o.id(), o.inode(), l.offset(), last, l.exclusive());
            s.reply(prior != null ? s.releaseRule : s.proceeded("R-XP-10"), l.req(), Status.STATUS_SUCCESS);
            return;
        }
        if (l.failImmediately()) {
            s.reply("R-XP-10", l.req(), Set.of(Status.STATUS_LOCK_NOT_GRANTED, Status.STATUS_FILE_LOCK_CONFLICT));
            return;
        }
        s.waiters.add(new LockWaiter(
                l.req(),
                l.client(),
                o.id(),
                o.inode(),
                SmbRules.nameOf(s, o.inode()),
                l.offset(),
                l.length(),
                l.exclusive()));
        if (prior == null) {
            s.expect(new Expect.Interim("R-SMB-65", l.req(), false));
        }
    }

    /** UNLOCK of exactly one locked range; waiters that now fit are granted (R-XP-10). */
    static void unlock(Step s, ModelInput.SmbUnlock u) {
        s.quietRule = "R-XP-10";
        s.grantRule = "R-XP-10";
        SmbOpen o = open(s, u.client(), u.handle(), u.req());
        if (o == null) {
            return;
        }
        if (u.length() == 0 || Locks.overflows(u.offset(), u.length())) {
            throw Step.unmodelled("SMB unlock of a zero-length or overflowing range");
        }
        if (Locks.unlockSmb(s, o.id(), o.inode(), u.offset(), Locks.last(u.offset(), u.length()))) {
            s.reply("R-XP-10", u.req(), Status.STATUS_SUCCESS);
        } else {
            s.reply("R-XP-10", u.req(), Status.STATUS_RANGE_NOT_LOCKED);
        }
    }
}
