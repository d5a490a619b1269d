package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happens besides the input's own rule: requests held on breaks (and released when the holder
 * acks, closes or times out), lock waiters granted when their conflict goes away, GRANTED callbacks,
 * virtual time passing, clients going away.
 *
 * <p>When several held requests or waiters become free in the same window, a real server completes
 * them in some order; every order is a correct behaviour, and the model explores each (they can
 * differ: two WRITEs of one range, a CREATE granted a lease that a released NFS WRITE then breaks).
 */
final class Releases {
    private Releases() {}

    /**
     * Holds request {@code in} until every holder in {@code waits} is down to its allowed state. An
     * SMB request that goes async sends an interim response in this window (R-SMB-65).
     *
     * @param prior the held op when a released request has to wait again (no second interim)
     */
    static void hold(
            Step s,
            ModelInput.Request in,
            long inode,
            Map<HolderId, Integer> waits,
            String rule,
            HeldOp prior,
            long deadline) {
        if (prior != null) {
            s.held.put(in.req(), prior.withWaits(waits, rule));
            return;
        }
        s.held.put(
                in.req(),
                new HeldOp(in.req(), in.client(), in, inode, waits, s.now, deadline, rule, false, false, false));
        if (HeldOp.isSmb(in)) {
            s.expect(new Expect.Interim("R-SMB-65", in.req(), false));
        }
    }

    /** Whether every holder waited on is gone or down to what the operation allows, not breaking. */
    static boolean satisfied(Step s, Map<HolderId, Integer> waits) {
        for (Map.Entry<HolderId, Integer> e : waits.entrySet()) {
            Holder h = s.holders.get(e.getKey());
            if (h != null && !h.satisfies(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Completes everything that can go on now (held requests whose breaks are done or whose
     * deadline passed, R-SMB-53/68/69, R-XP-7/8; waiters whose conflict is gone, R-NLM-4, R-XP-10),
     * in every order, until nothing more can.
     */
    static void settle(Step s) {
        for (int round = 0; round < 10_000; round++) {
            List<Object> ready = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (HeldOp h : s.held.values()) {
                if (h.deadline() <= s.now || satisfied(s, h.waits())) {
                    ready.add(h);
                    names.add("req " + h.req());
                }
            }
            for (LockWaiter w : s.waiters) {
                if (Locks.conflicts(s, w.owner(), w.inode(), w.offset(), w.last(), w.exclusive())
                        .isEmpty()) {
                    ready.add(w);
                    names.add("waiter req " + w.req());
                }
            }
            if (ready.isEmpty()) {
                return;
            }
            int i = ready.size() == 1 ? 0 : s.choose("completed next", names.toArray(String[]::new));
            Object next = ready.get(i);
            if (next instanceof HeldOp h) {
                s.held.remove(h.req());
                if (h.orphan()) {
                    s.silent.add(h.req());
                }
                ReferenceModel.rerun(s, h);
            } else {
                grant(s, (LockWaiter) next);
            }
        }
        throw Step.unmodelled("held requests did not settle");
    }

    /**
     * Grants a waiter whose conflict went away: an NLM waiter's lock is taken on its behalf and its
     * GRANTED callback is due (R-NLM-4; after an SMB UNLOCK or CLOSE too, R-XP-10); a pending SMB LOCK
     * gets its final reply.
     */
    private static void grant(Step s, LockWaiter w) {
        s.waiters.remove(w);
        if (w.nlm()) {
            Locks.insertNlm(s, (ModelInput.NlmOwner) w.owner(), w.inode(), w.offset(), w.last(), w.exclusive());
            s.grants.add(new PendingGrant(w, s.now + s.cfg.nlmGrantedBoundNanos(), s.grantRule));
        } else {
            Locks.insertSmb(s, (OpenId) w.owner(), w.inode(), w.offset(), w.last(), w.exclusive());
            s.reply(s.grantRule, w.req(), Status.STATUS_SUCCESS);
        }
    }

    /**
     * GRANTED callbacks that are due: in this window when the bound is 0 or has passed, else this
     * window or a later one (R-NLM-4: target 1 s).
     */
    static void flushGrants(Step s) {
        for (PendingGrant g : List.copyOf(s.grants)) {
            LockWaiter w = g.waiter();
            boolean now =
                    g.deadline() <= s.now || s.choose("GRANTED callback for req " + w.req(), "sent now", "later") == 0;
            if (now) {
                s.grants.remove(g);
                s.expect(new Expect.Granted(
                        g.rule(),
                        w.client(),
                        (ModelInput.NlmOwner) w.owner(),
                        w.path(),
                        w.offset(),
                        w.length(),
                        w.exclusive(),
                        false));
            }
        }
    }

    /**
     * Virtual time passes to {@code t.toNanos()}: every break whose ack timer runs out by then ends
     * with the lease at NONE (R-SMB-67, R-SMB-68; with no operation waiting too, R-XP-15), NLM LOCKs
     * reach their wait bound (R-XP-8), and what that frees completes, in time order. Nothing
     * completes early: an event due after the new time does not happen.
     */
    static void timePasses(Step s, ModelInput.TimePasses t) {
        if (t.toNanos() < s.now) {
            throw Step.unmodelled("virtual time goes back from " + s.now + " to " + t.toNanos());
        }
        s.quietRule = "R-SMB-68";
        s.releaseRule = "R-SMB-68";
        long timeout = s.cfg.breakTimeoutNanos();
        while (true) {
            long next = Long.MAX_VALUE;
            for (Holder h : s.holders.values()) {
                if (h.breaking()) {
                    next = Math.min(next, h.breakSentAt() + timeout);
                }
            }
            for (HeldOp h : s.held.values()) {
                next = Math.min(next, h.deadline());
            }
            if (next == Long.MAX_VALUE || next > t.toNanos()) {
                break;
            }
            s.now = Math.max(s.now, next);
            for (Holder h : List.copyOf(s.holders.values())) {
                if (h.breaking() && h.breakSentAt() + timeout <= s.now) {
                    Breaks.expire(s, h.id(), true); // R-SMB-68, R-XP-15
                }
            }
            settle(s);
        }
        s.now = t.toNanos();
    }

    /**
     * Every connection of a client is gone: its opens close (their leases, oplocks and locks go, and
     * whatever waited on them goes on, R-SMB-69, R-SMB-70); its held SMB requests are dropped without
     * disturbing the holders they waited on (R-SMB-66); its held NFS and NLM requests still take
     * effect (the server cannot tell), unseen.
     */
    static void disconnect(Step s, ModelInput.Disconnect d) {
        s.quietRule = "R-SMB-69";
        s.releaseRule = "R-SMB-70";
        s.grantRule = "R-XP-10";
        for (HeldOp h : s.held.values()) {
            if (h.client().equals(d.client()) && h.smb()) {
                s.quietRule = "R-SMB-66"; // the waiter leaving must not disturb the holder
            }
        }
        for (SmbOpen o : List.copyOf(s.opens.values())) {
            if (o.id().client().equals(d.client())) {
                SmbRules.closeOpen(s, o, false);
            }
        }
        for (HeldOp h : List.copyOf(s.held.values())) {
            if (!h.client().equals(d.client())) {
                continue;
            }
            if (h.smb()) {
                s.held.remove(h.req());
            } else {
                s.held.put(h.req(), h.asOrphan());
            }
        }
    }
}
