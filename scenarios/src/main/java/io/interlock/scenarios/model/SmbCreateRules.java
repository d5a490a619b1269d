package io.interlock.scenarios.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SMB2 CREATE ([MS-SMB2] 3.3.5.9; catalog §2.2–§2.5): name checks, the lease key binding, share
 * modes and the H break they cause, the W (or overwrite) breaks of other holders, the wait, and the
 * grant. A held CREATE is evaluated again from the top when it is released: share modes are
 * checked again (R-SMB-31) and a new conflict can make it wait again.
 */
final class SmbCreateRules {
    private SmbCreateRules() {}

    static void create(Step s, ModelInput.SmbCreate c, HeldOp prior) {
        s.quietRule = "R-SMB-30";
        OpenId oid = new OpenId(c.client(), c.handle());
        if (s.opens.containsKey(oid)) {
            throw Step.unmodelled("handle " + oid + " is already open");
        }
        if (!Files.wellFormed(c.path())) {
            throw Step.unmodelled("path '" + c.path() + "'");
        }
        ModelInput.LeaseRequest lease = c.oplock() == OplockLevel.LEASE ? c.lease() : null; // R-SMB-3
        if (lease != null && lease.version() == 2 && s.cfg.dialect() == Dialect.SMB_2_1) {
            lease = null; // R-SMB-4: a 52-byte context on 2.1 is ignored
        }
        HolderId self = lease == null ? null : HolderId.lease(c.client(), lease.key());
        Holder bound = self == null ? null : s.holders.get(self);
        Inode target = s.lookup(c.path());
        Inode parent = Files.parentDir(s, c.path());
        if (target == null && parent == null) {
            s.reply("R-SMB-30", c.req(), Status.STATUS_OBJECT_PATH_NOT_FOUND);
            return;
        }
        if (bound != null && (target == null || bound.inode() != target.id())) {
            s.reply("R-SMB-10", c.req(), Status.STATUS_INVALID_PARAMETER); // key bound to another file
            return;
        }
        if (target == null) {
            createNew(s, c, oid, lease, parent, prior);
            return;
        }
        if (c.disposition() == ModelInput.Disposition.CREATE) {
            s.reply("R-SMB-30", c.req(), Status.STATUS_OBJECT_NAME_COLLISION);
            return;
        }
        if (c.directory() && !target.directory()) {
            s.reply("R-SMB-30", c.req(), Status.STATUS_NOT_A_DIRECTORY);
            return;
        }
        if (target.directory() && c.disposition().overwrites()) {
            throw Step.unmodelled("overwriting disposition on a directory");
        }
        openExisting(s, c, oid, lease, self, target, prior);
    }

    private static void createNew(
            Step s, ModelInput.SmbCreate c, OpenId oid, ModelInput.LeaseRequest lease, Inode parent, HeldOp prior) {
        if (!c.disposition().creates()) {
            s.reply("R-SMB-30", c.req(), Status.STATUS_OBJECT_NAME_NOT_FOUND);
            return;
        }
        if (c.directory()
                && c.disposition() != ModelInput.Disposition.CREATE
                && c.disposition() != ModelInput.Disposition.OPEN_IF) {
            throw Step.unmodelled("directory create with " + c.disposition());
        }
        // a new entry breaks the parent's directory leases, except the creator's own parent lease
        // (catalog §2.9 and §3.1 v2_request; R-XP-5 for NFS)
        HolderId exempt =
                lease == null || lease.parentKey() == null ? null : HolderId.lease(c.client(), lease.parentKey());
        Map<HolderId, Integer> waits = NfsRules.directoryBreaks(s, parent.id(), exempt);
        if (!waits.isEmpty()) {
            Releases.hold(s, c, parent.id(), waits, "R-XP-5", prior, Long.MAX_VALUE);
            return;
        }
        Inode n = Files.create(s, c.path(), c.directory(), null);
        grantAndOpen(s, c, oid, lease, n, false, prior != null);
    }

    private static void openExisting(
            Step s,
            ModelInput.SmbCreate c,
            OpenId oid,
            ModelInput.LeaseRequest lease,
            HolderId self,
            Inode target,
            HeldOp prior) {
        boolean overwrite = c.disposition().overwrites();
        // R-SMB-31: a share-mode conflict first breaks H of other keys and waits, then re-checks
        boolean conflict = false;
        for (SmbOpen o : s.opensOn(target.id())) {
            if (Smb2Access.shareConflict(o.access(), o.share(), c.access(), c.share())) {
                conflict = true;
            }
        }
        if (conflict) {
            Map<HolderId, Integer> waits = new LinkedHashMap<>();
            for (Holder h : s.holdersOn(target.id())) {
                if (!h.id().equals(self)
                        && (h.state() & CacheBits.H) != 0
                        && Breaks.request(s, h.id(), CacheBits.RW, "R-SMB-31")) {
                    waits.put(h.id(), CacheBits.RW);
                }
            }
            if (!waits.isEmpty()) {
                Releases.hold(s, c, target.id(), waits, "R-SMB-31", prior, Long.MAX_VALUE);
            } else {
                s.reply("R-SMB-31", c.req(), Status.STATUS_SHARING_VIOLATION);
            }
            return;
        }
        // R-SMB-30 / R-SMB-32: breaks of other keys; stat opens break nothing (R-SMB-37, R-SMB-19),
        // with the stat definitions of R-SMB-40 and R-SMB-39 (an overwrite is never a stat open)
        boolean statLease = !overwrite && Smb2Access.statForLeases(c.access());
        boolean statOplock = !overwrite && Smb2Access.statForOplocks(c.access());
        if (statOplock) {
            s.quietRule = "R-SMB-37"; // a stat open breaks nothing
        } else if (statLease) {
            s.quietRule = "R-SMB-40"; // stat for leases, not for oplocks: breaks only oplocks
        } else if (self != null && s.holders.containsKey(self)) {
            s.quietFor.put("lease break " + c.client() + "/" + self.name(), "R-SMB-22"); // never its own
        }
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(target.id())) {
            if (h.id().equals(self) || (h.oplock() ? statOplock : statLease)) {
                continue; // R-SMB-22: never its own lease
            }
            if (overwrite) {
                // R-SMB-32: everyone to NONE; wait only for W (RW, RWH, EXCLUSIVE, BATCH); RH is
                // broken with ACK_REQUIRED but the CREATE is not held (breaking4)
                boolean hadW = (h.state() & CacheBits.W) != 0;
                // R-SMB-39: an attribute-only open that overwrites is no stat open
                String rule = Smb2Access.statForOplocks(c.access()) ? "R-SMB-39" : "R-SMB-32";
                if (Breaks.request(s, h.id(), CacheBits.NONE, rule)) {
                    if (hadW) {
                        waits.put(h.id(), CacheBits.NONE);
                    } else {
                        s.proceedRule = "R-SMB-32";
                    }
                }
            } else if (Breaks.request(s, h.id(), CacheBits.RH, "R-SMB-30")) {
                waits.put(h.id(), CacheBits.RH); // RW→R, RWH→RH, EXCLUSIVE/BATCH→II; R and RH untouched
            }
        }
        if (!waits.isEmpty()) {
            Releases.hold(s, c, target.id(), waits, overwrite ? "R-SMB-32" : "R-SMB-30", prior, Long.MAX_VALUE);
            return;
        }
        if (overwrite) {
            Files.setContent(s, target.id(), Bytes.EMPTY);
        }
        grantAndOpen(s, c, oid, lease, target, overwrite, prior != null);
    }

    /** Grants the lease or oplock, registers the open and answers (catalog §2.2, §2.3). */
    private static void grantAndOpen(
            Step s,
            ModelInput.SmbCreate c,
            OpenId oid,
            ModelInput.LeaseRequest lease,
            Inode n,
            boolean overwrote,
            boolean released) {
        boolean dirLease = lease != null
                && n.directory()
                && !(lease.version() == 2 && s.cfg.dialect() == Dialect.SMB_3 && s.cfg.directoryLeasing());
        if (lease == null || dirLease) {
            // R-SMB-14: no directory leasing → OplockLevel NONE and no lease context; R-SMB-15
            boolean stat = !overwrote && Smb2Access.statForOplocks(c.access());
            OplockLevel asked = lease == null && c.oplock() != OplockLevel.LEASE ? c.oplock() : OplockLevel.NONE;
            OplockLevel level = Grants.oplock(s, n.id(), oid, asked, n.directory(), stat);
            s.opens.put(oid, new SmbOpen(oid, n.id(), n.directory(), c.access(), c.share(), null, overwrote, false));
            if (level != OplockLevel.NONE) {
                HolderId hid = HolderId.oplock(oid);
                s.holders.put(hid, new Holder(hid, n.id(), level.bits(), false, 0, 0, 0, 0, 0, null, null));
            }
            String grantRule = dirLease ? "R-SMB-14" : "R-SMB-18";
            reply(s, c.req(), released, grantRule, new Payload.Created(level, null));
            return;
        }
        HolderId self = HolderId.lease(c.client(), lease.key());
        Holder h = s.holders.get(self);
        String rule;
        if (h == null) {
            int g = Grants.lease(s, n.id(), self, oid, lease.requested(), n.directory());
            int epoch = lease.version() == 2 ? (lease.epoch() + 1) & 0xFFFF : 0; // R-SMB-60: request + 1
            h = new Holder(self, n.id(), g, false, 0, g, epoch, lease.version(), 0, lease.parentKey(), null);
            rule = (lease.requested() & CacheBits.R) == 0 ? "R-SMB-12" : n.directory() ? "R-SMB-14" : "R-SMB-17";
        } else {
            // R-SMB-21: only a strict, valid, wholly grantable superset upgrades, never while breaking;
            // R-SMB-22: the own lease is never broken or waited for; R-SMB-23: breaking → pre-ack state
            int want = lease.requested() & CacheBits.RWH;
            if (!h.breaking()
                    && CacheBits.valid(want)
                    && want != h.state()
                    && (want & h.state()) == h.state()
                    && Grants.lease(s, n.id(), self, oid, want, n.directory()) == want) {
                h = h.withState(want);
                if (h.version() == 2) {
                    h = h.withEpoch((h.epoch() + 1) & 0xFFFF); // R-SMB-60: +1 per upgrade
                }
            }
            rule = h.breaking() ? "R-SMB-23" : "R-SMB-21";
        }
        s.holders.put(self, h);
        s.opens.put(oid, new SmbOpen(oid, n.id(), n.directory(), c.access(), c.share(), lease.key(), overwrote, false));
        int flags = h.breaking() ? Payload.LeaseGrant.BREAK_IN_PROGRESS : 0;
        if (h.version() == 2 && h.parentKey() != null && s.cfg.dialect() == Dialect.SMB_3 && s.cfg.directoryLeasing()) {
            flags |= Payload.LeaseGrant.PARENT_LEASE_KEY_SET; // R-SMB-7
        }
        // R-SMB-6: the response uses the lease's creation version; R-SMB-13: LEASE even for state 0
        Payload.LeaseGrant grant =
                new Payload.LeaseGrant(h.state(), flags, h.version() == 2 ? h.epoch() : 0, h.version());
        reply(s, c.req(), released, rule, new Payload.Created(OplockLevel.LEASE, grant));
    }

    /**
     * The CREATE's success reply: a mismatching payload breaks the grant rule; a missing reply breaks
     * the rule that released it (R-SMB-53/68/69/70) or let it go on without waiting.
     */
    private static void reply(Step s, long req, boolean released, String grantRule, Payload created) {
        String rule = released ? s.releaseRule : s.proceeded(grantRule);
        s.reply(
                rule,
                req,
                Set.of(Status.STATUS_SUCCESS),
                new PayloadMatch.Ruled(PayloadMatch.OneOf.exactly(created), grantRule));
    }
}
