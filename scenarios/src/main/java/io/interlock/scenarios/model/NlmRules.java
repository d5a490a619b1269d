package io.interlock.scenarios.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NLM v4 LOCK, TEST, UNLOCK, CANCEL and FREE_ALL (catalog §3.3, §3.4) on the byte-range table SMB
 * shares (R-XP-10). A LOCK first breaks every SMB holder with R to NONE and waits, bounded, for the
 * acks (R-XP-8, R-SMB-83), whatever the NFS break policy: NLM has no JUKEBOX. The grace period is
 * over (R-NLM-9 is outside this model): a reclaim is refused as Linux lockd refuses it outside grace.
 */
final class NlmRules {
    private static final Set<String> FBIG = Set.of(Status.NLM4_FBIG, Status.NLM4_DENIED);

    private NlmRules() {}

    private static Inode file(Step s, String path, HeldOp prior, long req) {
        Inode n = prior != null ? s.inode(prior.inode()) : s.lookup(path);
        if (n == null) {
            s.reply("R-NLM-12", req, Status.NLM4_STALE_FH); // a missing or stale fh
            return null;
        }
        if (n.directory()) {
            throw Step.unmodelled("NLM lock on a directory");
        }
        return n;
    }

    static void lock(Step s, ModelInput.NlmLock l, HeldOp prior) {
        s.quietRule = "R-XP-8";
        Inode n = file(s, l.path(), prior, l.req());
        if (n == null) {
            return;
        }
        if (Locks.overflows(l.offset(), l.length())) {
            s.reply("R-NLM-8", l.req(), FBIG); // never wrapped
            return;
        }
        if (l.reclaim()) {
            s.reply("R-NLM-9", l.req(), Status.NLM4_DENIED_GRACE_PERIOD);
            return;
        }
        if (prior != null && prior.cancelled()) {
            s.reply("R-XP-8", l.req(), Status.NLM4_DENIED); // cancelled during the wait: no lock
            return;
        }
        long last = Locks.last(l.offset(), l.length());
        if (l.block() && prior == null) {
            for (LockWaiter w : s.waiters) {
                if (sameRequest(w, l.owner(), n.id(), l.offset(), l.length(), l.exclusive())) {
                    s.reply("R-NLM-4", l.req(), Status.NLM4_BLOCKED); // a re-sent blocked LOCK
                    return;
                }
            }
        }
        // R-XP-8, R-SMB-83: every other-owner lease holding R (and every oplock) to NONE
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(n.id())) {
            if (Breaks.request(s, h.id(), CacheBits.NONE, h.oplock() ? "R-SMB-83" : "R-XP-8")) {
                waits.put(h.id(), CacheBits.NONE);
            }
        }
        boolean pastBound = prior != null && prior.deadline() <= s.now;
        if (!waits.isEmpty() && !pastBound) {
            long deadline = prior != null ? prior.deadline() : s.now + s.cfg.nlmBreakWaitNanos();
            Releases.hold(s, l, n.id(), waits, "R-XP-8", prior, deadline);
            return;
        }
        boolean unbroken = !waits.isEmpty() || (prior != null && prior.timedOut());
        if (unbroken && s.cfg.denyUnbrokenLease() && !l.block()) {
            s.reply("R-XP-9", l.req(), Status.NLM4_DENIED); // the break goes on
            return;
        }
        for (HolderId id : waits.keySet()) {
            Breaks.expire(s, id, false); // R-XP-8: on the bound the lease is forced to NONE and the lock goes on
        }
        List<RangeLock> conflicts = Locks.conflicts(s, l.owner(), n.id(), l.offset(), last, l.exclusive());
        if (conflicts.isEmpty()) {
            boolean resent = holds(s, l.owner(), n.id(), l.offset(), last, l.exclusive());
            Locks.insertNlm(s, l.owner(), n.id(), l.offset(), last, l.exclusive());
            String rule = prior != null ? "R-XP-8" : resent ? "R-NLM-5" : splitRule(s, l.owner(), n.id(), "R-NLM-2");
            s.reply(s.proceeded(rule), l.req(), Status.NLM4_GRANTED);
            return;
        }
        if (!l.block()) {
            String rule = conflicts.get(0).owner() instanceof OpenId ? "R-XP-10" : "R-NLM-2";
            s.reply(splitRule(s, l.owner(), n.id(), rule), l.req(), Status.NLM4_DENIED);
            return;
        }
        long queued =
                s.waiters.stream().filter(w -> w.nlm() && w.inode() == n.id()).count();
        if (queued >= s.cfg.maxBlockedPerFile()) {
            s.reply("R-NLM-11", l.req(), Status.NLM4_DENIED_NOLOCKS);
            return;
        }
        s.waiters.add(new LockWaiter(
                l.req(), l.client(), l.owner(), n.id(), l.path(), l.offset(), l.length(), l.exclusive()));
        s.reply("R-NLM-4", l.req(), Status.NLM4_BLOCKED);
    }

    /** Whether {@code owner} already holds a lock of this type over the whole range (R-NLM-5). */
    private static boolean holds(Step s, ModelInput.NlmOwner owner, long inode, long offset, long last, boolean excl) {
        for (RangeLock l : s.locks) {
            if (l.owner().equals(owner)
                    && l.inode() == inode
                    && l.exclusive() == excl
                    && Long.compareUnsigned(l.offset(), offset) <= 0
                    && Long.compareUnsigned(last, l.last()) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** R-NLM-7 when another owner's lock on the file is what remains of a split, else {@code rule}. */
    private static String splitRule(Step s, LockOwner owner, long inode, String rule) {
        for (RangeLock l : s.locks) {
            if (l.inode() == inode && l.split() && !l.owner().equals(owner)) {
                return "R-NLM-7";
            }
        }
        return rule;
    }

    private static boolean sameRequest(
            LockWaiter w, ModelInput.NlmOwner owner, long inode, long offset, long length, boolean exclusive) {
        return w.owner().equals(owner)
                && w.inode() == inode
                && w.offset() == offset
                && w.length() == length
                && w.exclusive() == exclusive;
    }

    /**
     * TEST: DENIED with a conflicting holder (any of them: the choice is the server's), else
     * GRANTED; never acquires and never breaks a lease (R-NLM-3, R-XP-10).
     */
    static void test(Step s, ModelInput.NlmTest t) {
        s.quietRule = "R-NLM-3";
        Inode n = file(s, t.path(), null, t.req());
        if (n == null) {
            return;
        }
        if (Locks.overflows(t.offset(), t.length())) {
            s.reply("R-NLM-8", t.req(), FBIG);
            return;
        }
        List<RangeLock> conflicts =
                Locks.conflicts(s, t.owner(), n.id(), t.offset(), Locks.last(t.offset(), t.length()), t.exclusive());
        String rule = splitRule(s, t.owner(), n.id(), "R-NLM-3");
        if (conflicts.isEmpty()) {
            s.reply(rule, t.req(), Status.NLM4_GRANTED);
            return;
        }
        Set<Payload> holders = new java.util.HashSet<>();
        for (RangeLock c : conflicts) {
            holders.add(new Payload.TestHolder(c.exclusive(), c.offset(), c.length()));
        }
        s.reply(rule, t.req(), Set.of(Status.NLM4_DENIED), new PayloadMatch.OneOf(holders));
    }

    /** UNLOCK: releases the range, splitting locks (R-NLM-7); not held → still GRANTED (R-NLM-6). */
    static void unlock(Step s, ModelInput.NlmUnlock u) {
        s.quietRule = "R-NLM-6";
        Inode n = file(s, u.path(), null, u.req());
        if (n == null) {
            return;
        }
        if (Locks.overflows(u.offset(), u.length())) {
            s.reply("R-NLM-8", u.req(), FBIG);
            return;
        }
        Locks.unlockNlm(s, u.owner(), n.id(), u.offset(), Locks.last(u.offset(), u.length()));
        s.reply("R-NLM-6", u.req(), Status.NLM4_GRANTED);
    }

    /**
     * CANCEL: removes the matching blocked waiter so no GRANTED follows; nothing to cancel is still
     * GRANTED (R-NLM-6). A blocking LOCK still waiting for its lease breaks is withdrawn without a
     * lock and without forcing the leases (R-XP-8); its own reply (DENIED) comes now or when its
     * wait would have ended: the catalogs do not say which, both are allowed.
     */
    static void cancel(Step s, ModelInput.NlmCancel c) {
        s.quietRule = "R-NLM-6";
        Inode n = file(s, c.path(), null, c.req());
        if (n == null) {
            return;
        }
        for (LockWaiter w : List.copyOf(s.waiters)) {
            if (sameRequest(w, c.owner(), n.id(), c.offset(), c.length(), c.exclusive())) {
                s.waiters.remove(w);
                s.reply("R-NLM-6", c.req(), Status.NLM4_GRANTED);
                return;
            }
        }
        for (HeldOp h : List.copyOf(s.held.values())) {
            if (h.input() instanceof ModelInput.NlmLock l
                    && l.block()
                    && !h.cancelled()
                    && h.inode() == n.id()
                    && l.owner().equals(c.owner())
                    && l.offset() == c.offset()
                    && l.length() == c.length()
                    && l.exclusive() == c.exclusive()) {
                if (s.choose("the cancelled LOCK " + h.req() + " is answered", "now", "when its wait ends") == 0) {
                    s.held.remove(h.req());
                    s.reply("R-XP-8", h.req(), Status.NLM4_DENIED);
                } else {
                    s.held.put(h.req(), h.asCancelled());
                }
                break;
            }
        }
        s.reply("R-NLM-6", c.req(), Status.NLM4_GRANTED);
    }

    /**
     * FREE_ALL: every lock whose caller_name is {@code name} goes, on every file, and that client's
     * waiters are drained; others' waiters then fit (R-NLM-10).
     */
    static void freeAll(Step s, ModelInput.NlmFreeAll f) {
        s.quietRule = "R-NLM-10";
        s.grantRule = "R-NLM-10";
        s.locks.removeIf(
                l -> l.owner() instanceof ModelInput.NlmOwner o && o.caller().equals(f.callerName()));
        s.waiters.removeIf(
                w -> w.owner() instanceof ModelInput.NlmOwner o && o.caller().equals(f.callerName()));
        s.grants.removeIf(
                g -> ((ModelInput.NlmOwner) g.waiter().owner()).caller().equals(f.callerName()));
        s.reply("R-NLM-10", f.req(), Status.RPC_SUCCESS);
    }
}
