package io.interlock.scenarios.model;

/**
 * SMB2 oplock levels ([MS-SMB2] 2.2.13 RequestedOplockLevel, 2.2.14 OplockLevel, 2.2.23.1): NONE
 * 0x00, II 0x01, EXCLUSIVE 0x08, BATCH 0x09, LEASE 0xFF. As caching bits (catalog §2.1): II = R,
 * EXCLUSIVE = RW, BATCH = RWH.
 */
public enum OplockLevel {
    NONE(0x00, CacheBits.NONE),
    II(0x01, CacheBits.R),
    EXCLUSIVE(0x08, CacheBits.RW),
    BATCH(0x09, CacheBits.RWH),
    /** A lease context accompanies the request or response. */
    LEASE(0xFF, CacheBits.NONE);

    private final int wire;
    private final int bits;

    OplockLevel(int wire, int bits) {
        this.wire = wire;
        this.bits = bits;
    }

    /** The byte on the wire. */
    public int wire() {
        return wire;
    }

    /** The caching bits of a traditional oplock level (LEASE: none). */
    public int bits() {
        return bits;
    }

    /**
     * The oplock level for caching bits: RWH → BATCH, RW → EXCLUSIVE, anything with R → II, else
     * NONE. An RH result is Level II: there is no H-without-W oplock (catalog §2.2).
     */
    public static OplockLevel ofBits(int bits) {
        if ((bits & CacheBits.RW) == CacheBits.RW) {
            return (bits & CacheBits.H) != 0 ? BATCH : EXCLUSIVE;
        }
        return (bits & CacheBits.R) != 0 ? II : NONE;
    }
}
