package io.interlock.scenarios.model;

import java.util.Map;

/**
 * Lease and oplock breaks: starting one, what the notification must say, acks, the follow-up break
 * after an ack, and the end of a break by the timer or by force. Catalog §2.5–§2.8.
 */
final class Breaks {
    private Breaks() {}

    /**
     * An operation needs holder {@code id} to keep at most {@code allowed} of its bits. Starts the
     * break if the holder is not breaking; while it is, tightens what the follow-up break must reach
     * and sends nothing (one notification per lease, R-SMB-24, R-SMB-58).
     *
     * @param allowed the bits the operation lets the holder keep (a mask: the target is state ∩ allowed,
     *     NONE if that has no R, R-SMB-12; for an oplock, II when it keeps R, else NONE, §2.1)
     * @param rule the rule that demands the break, cited by its notification
     * @return whether an ack is now outstanding that the operation could wait for
     */
    static boolean request(Step s, HolderId id, int allowed, String rule) {
        Holder h = s.holders.get(id);
        if (h == null) {
            return false;
        }
        int target = target(h, allowed);
        if ((h.state() & ~target) == 0) {
            return false;
        }
        if (h.breaking()) {
            s.holders.put(id, h.withRequired(h.required() & target));
            s.quietFor.put(identity(h), "R-SMB-58"); // no second notification
            return true;
        }
        send(s, h, h.state(), target, rule, true);
        Holder after = s.holders.get(id); // gone when a Level II oplock broke to NONE
        return after != null && after.breaking();
    }

    /** The identity of the break notifications of {@code h} (see {@link Expect#identity()}). */
    static String identity(Holder h) {
        return h.oplock()
                ? "oplock break " + h.id().client() + ":" + h.id().name()
                : "lease break " + h.id().client() + "/" + h.id().name();
    }

    /** The state a holder breaks to when an operation lets it keep {@code allowed}. */
    static int target(Holder h, int allowed) {
        int t = h.state() & allowed;
        if ((t & CacheBits.R) == 0) {
            return CacheBits.NONE; // H or W without R is no state (R-SMB-12)
        }
        return h.oplock() ? CacheBits.R : t; // an oplock breaks only to II or NONE (§2.1, §2.5)
    }

    /**
     * Sends a break of {@code h} from {@code from} to {@code to} and applies its immediate effect
     * (§2.5): with W or H held (oplocks: EXCLUSIVE or BATCH) the ack is required, the holder is
     * Breaking and its timer starts now (R-SMB-47, R-SMB-67); otherwise it takes {@code to} at once
     * and no timer runs (R-SMB-47, R-SMB-49).
     *
     * @param first a break started from a non-breaking lease: v2 Epoch + 1 (R-SMB-60); a follow-up
     *     break after an ack keeps the epoch (R-SMB-57)
     */
    static void send(Step s, Holder h, int from, int to, String rule, boolean first) {
        boolean ack = h.oplock() ? (from & CacheBits.W) != 0 : CacheBits.flushOrHandle(from);
        boolean v2 = !h.oplock() && h.version() == 2;
        int epoch = h.epoch();
        if (v2 && first && s.cfg.dialect() == Dialect.SMB_3) {
            epoch = (epoch + 1) & 0xFFFF; // R-SMB-60: u16 wrap
        }
        if (h.oplock()) {
            // R-SMB-45: OplockLevel 0x01 or 0x00; R-SMB-50: to the open's client
            s.expect(new Expect.OplockBreak(
                    rule, h.id().client(), h.id().name(), (to & CacheBits.R) != 0 ? OplockLevel.II : OplockLevel.NONE));
        } else {
            // R-SMB-46: CurrentLeaseState = the pre-break state; R-SMB-48: NewEpoch 0 for v1 and 2.1
            int shown = v2 && s.cfg.dialect() == Dialect.SMB_3 ? epoch : 0;
            s.expect(new Expect.LeaseBreak(rule, h.id().client(), h.id().name(), from, to, ack, shown, v2));
        }
        if (!ack && s.proceedRule == null) {
            s.proceedRule = h.oplock() ? "R-SMB-49" : "R-SMB-47"; // effective at once, nothing to wait for
        }
        Holder e = h.withEpoch(epoch);
        // a follow-up break still owes what earlier conflicts needed (R-SMB-57: down to NONE)
        int required = first ? to : h.required() & to;
        s.holders.put(h.id(), ack ? e.breakingTo(to, s.now).withRequired(required) : e.settled(to));
        if (!ack && h.oplock() && to == CacheBits.NONE) {
            s.holders.remove(h.id()); // a NONE oplock is no oplock
        }
    }

    /**
     * After an accepted ack: if the state still exceeds what pending conflicts need, send the
     * follow-up break at once, stepping through R while W or H is held, without an epoch change
     * (R-SMB-57, §2.5: RWH→RH→R→NONE).
     */
    static void followUp(Step s, HolderId id) {
        Holder h = s.holders.get(id);
        if (h == null || (h.state() & ~h.required()) == 0) {
            return;
        }
        int st = h.state();
        int next = CacheBits.flushOrHandle(st) ? (h.required() | CacheBits.R) & st : h.required();
        if (h.oplock()) {
            next = (next & CacheBits.R) != 0 ? CacheBits.R : CacheBits.NONE;
        }
        send(s, h, st, next, "R-SMB-57", false);
    }

    /**
     * Ends an outstanding break without an ack (R-SMB-68: the break timer; R-XP-8: the NLM bound):
     * the lease goes to NONE, not to BreakTo, and Breaking is cleared; an oplock goes away. Held
     * operations waiting on it remember that it timed out (R-XP-9).
     */
    static void expire(Step s, HolderId id, boolean byTimer) {
        Holder h = s.holders.get(id);
        if (h == null) {
            return;
        }
        boolean waited = false;
        for (Map.Entry<Long, HeldOp> e : s.held.entrySet()) {
            if (e.getValue().waits().containsKey(id)) {
                e.setValue(e.getValue().asTimedOut());
                waited = true;
            }
        }
        String rule = !byTimer ? "R-XP-8" : waited ? "R-SMB-68" : "R-XP-15";
        if (h.oplock()) {
            s.holders.remove(id);
        } else {
            s.holders.put(
                    id, h.settled(CacheBits.NONE).withRequired(CacheBits.NONE).endedBy(rule));
        }
    }

    /**
     * A lease break acknowledgment ([MS-SMB2] 3.3.5.22.2), checked in the order of R-SMB-52; a valid
     * one sets the acked state, even below BreakTo (R-SMB-53), on any connection of the client
     * (R-SMB-54), then sends the follow-up break if one is due (R-SMB-57).
     */
    static void ackLease(Step s, ModelInput.SmbLeaseAck a) {
        s.quietRule = "R-SMB-57";
        HolderId id = HolderId.lease(a.client(), a.key());
        Holder h = s.holders.get(id);
        if (h == null) {
            s.reply("R-SMB-52", a.req(), Status.STATUS_OBJECT_NAME_NOT_FOUND);
            return;
        }
        if (!h.breaking()) {
            // R-SMB-52; a late ack after the timer (R-SMB-68, R-XP-15) or of a no-ack break (R-SMB-47)
            s.reply(h.endedBy() != null ? h.endedBy() : "R-SMB-52", a.req(), Status.STATUS_UNSUCCESSFUL);
            return;
        }
        if ((a.state() & ~h.breakTo()) != 0) {
            s.reply("R-SMB-52", a.req(), Status.STATUS_REQUEST_NOT_ACCEPTED); // stays Breaking
            return;
        }
        s.holders.put(id, h.settled(a.state()));
        s.reply("R-SMB-53", a.req(), Status.STATUS_SUCCESS, new Payload.LeaseAcked(a.state()));
        followUp(s, id);
    }

    /**
     * An oplock break acknowledgment ([MS-SMB2] 3.3.5.22.1): errors per R-SMB-55 (an ack of 0xFF or
     * of an illegal level also drops the oplock to NONE), else the acked level capped at the notified
     * one (R-SMB-56), then the follow-up break if one is due (R-SMB-57).
     */
    static void ackOplock(Step s, ModelInput.SmbOplockAck a) {
        s.quietRule = "R-SMB-57";
        OpenId open = new OpenId(a.client(), a.handle());
        if (!s.opens.containsKey(open)) {
            s.reply("R-SMB-55", a.req(), Status.STATUS_FILE_CLOSED);
            return;
        }
        HolderId id = HolderId.oplock(open);
        Holder h = s.holders.get(id);
        if (h == null || !h.breaking()) {
            // current MS-SMB2: INVALID_DEVICE_STATE; Samba and Windows 2008: INVALID_OPLOCK_PROTOCOL.
            // An oplock ack on an open that holds a lease is not a lease ack (R-SMB-51).
            s.reply(
                    s.opens.get(open).leaseKey() != null ? "R-SMB-51" : "R-SMB-55",
                    a.req(),
                    java.util.Set.of(Status.STATUS_INVALID_DEVICE_STATE, Status.STATUS_INVALID_OPLOCK_PROTOCOL));
            return;
        }
        if (a.level() == OplockLevel.LEASE) {
            s.holders.remove(id);
            s.reply("R-SMB-55", a.req(), Status.STATUS_INVALID_PARAMETER);
            return;
        }
        if (a.level() != OplockLevel.II && a.level() != OplockLevel.NONE) {
            s.holders.remove(id);
            s.reply("R-SMB-55", a.req(), Status.STATUS_INVALID_OPLOCK_PROTOCOL);
            return;
        }
        int result = a.level().bits() & h.breakTo();
        if (result == CacheBits.NONE) {
            s.holders.remove(id);
        } else {
            s.holders.put(id, h.settled(result));
        }
        s.reply("R-SMB-56", a.req(), Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.ofBits(result)));
        followUp(s, id);
    }
}
