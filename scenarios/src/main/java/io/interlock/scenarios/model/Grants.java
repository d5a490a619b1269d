package io.interlock.scenarios.model;

/**
 * What a CREATE is granted once the breaks it needed are done (catalog §2.2, "Grant computation";
 * R-SMB-12, R-SMB-14, R-SMB-15, R-SMB-17, R-SMB-18, R-SMB-19). Two points are open questions in the
 * catalog (§5) and are choices here, resolved by what the server answered:
 *
 * <ul>
 *   <li>Q1: with byte-range locks on the file, Samba grants no caching at all (no R, so no lease
 *       state and no oplock); Windows may grant. Both are allowed.
 *   <li>Q2: with another open that holds no caching state, Samba strips H from a new lease; MS-FSA
 *       suggests RH is grantable. Both are allowed.
 * </ul>
 */
final class Grants {
    private Grants() {}

    /**
     * The lease state an open under lease {@code self} may get on {@code inode} for {@code
     * requested}: the grantable part (a first open) or, for an upgrade, to be compared with the whole
     * request (R-SMB-21).
     *
     * @param opening the open being created (not counted as another open)
     */
    static int lease(Step s, long inode, HolderId self, OpenId opening, int requested, boolean directory) {
        int g = requested & CacheBits.RWH;
        if ((g & CacheBits.R) == 0) {
            return CacheBits.NONE; // R-SMB-12: H, W, HW without R give 0
        }
        if (directory) {
            g &= ~CacheBits.W; // R-SMB-14
        }
        boolean otherOpen = false;
        boolean bareOther = false;
        for (SmbOpen o : s.opensOn(inode)) {
            if (o.id().equals(opening) || self.equals(o.leaseHolder())) {
                continue;
            }
            if (o.statForLeases() && o.leaseKey() == null) {
                continue; // R-SMB-19: a lease-less stat open does not reduce grants
            }
            otherOpen = true;
            if (!caches(s, o)) {
                bareOther = true;
            }
        }
        boolean oplockHeld = false;
        for (Holder h : s.holdersOn(inode)) {
            if (h.oplock() && h.state() != CacheBits.NONE) {
                oplockHeld = true;
            }
        }
        if (otherOpen) {
            g &= ~CacheBits.W; // R-SMB-17: W only without other keys' opens
        }
        if (oplockHeld) {
            g &= ~CacheBits.H; // §2.2 rule 4, R-SMB-18: no lease H beside a traditional oplock
        }
        if (bareOther
                && (g & CacheBits.H) != 0
                && s.choose("Q2 (§5): H beside an uncached open", "kept", "stripped") == 1) {
            g &= ~CacheBits.H;
        }
        return q1(s, inode, g);
    }

    /**
     * The oplock level an open gets (catalog §2.2): the level asked as bits, no W beside other opens
     * (batch10: II), NONE for a stat open beside others (exclusive4, batch8), NONE while a lease
     * holding H exists (§2.2 rule 5, R-SMB-18), NONE on directories (R-SMB-15).
     */
    static OplockLevel oplock(Step s, long inode, OpenId opening, OplockLevel asked, boolean directory, boolean stat) {
        if (directory || asked == OplockLevel.NONE) {
            return OplockLevel.NONE;
        }
        int g = asked.bits();
        for (SmbOpen o : s.opensOn(inode)) {
            if (o.id().equals(opening) || (o.statForOplocks() && o.leaseKey() == null)) {
                continue; // R-SMB-19
            }
            g &= ~CacheBits.W; // R-SMB-17
            if (stat) {
                g = CacheBits.NONE;
            }
        }
        for (Holder h : s.holdersOn(inode)) {
            if (!h.oplock() && (h.state() & CacheBits.H) != 0) {
                g = CacheBits.NONE;
            }
        }
        return OplockLevel.ofBits(q1(s, inode, g));
    }

    /** Q1 (§2.2 rule 6, §5): with byte-range locks present the server may refuse R. */
    private static int q1(Step s, long inode, int g) {
        if (g == CacheBits.NONE) {
            return g;
        }
        for (RangeLock l : s.locks) {
            if (l.inode() == inode) {
                return s.choose("Q1 (§5): caching beside byte-range locks", "granted", "refused") == 1
                        ? CacheBits.NONE
                        : g;
            }
        }
        return g;
    }

    /** Whether an open holds any caching state (a lease or an oplock that is not NONE). */
    private static boolean caches(Step s, SmbOpen o) {
        HolderId lease = o.leaseHolder();
        Holder l = lease == null ? null : s.holders.get(lease);
        Holder op = s.holders.get(HolderId.oplock(o.id()));
        return (l != null && l.state() != CacheBits.NONE) || (op != null && op.state() != CacheBits.NONE);
    }
}
