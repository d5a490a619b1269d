package io.interlock.server.smb2.wire;

import java.util.UUID;

/**
 * Lease Break Acknowledgment ([MS-SMB2] 2.2.24.2) and the identically laid out Lease Break
 * Response (2.2.25.2).
 */
public record LeaseBreakAck(UUID leaseKey, int leaseState) implements Smb2Response {
    public static final int STRUCTURE_SIZE = 36;

    public static LeaseBreakAck decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, STRUCTURE_SIZE, "LEASE_BREAK_ACK");
        r.u16(); // Reserved (2 bytes)
        r.u32(); // Flags (4 bytes)
        UUID key = r.guid(); // LeaseKey (16 bytes)
        int state = r.u32(); // LeaseState (4 bytes)
        r.u64(); // LeaseDuration (8 bytes)
        return new LeaseBreakAck(key, state);
    }

    @Override
    public void encode(Smb2Writer w) {
        w.u16(STRUCTURE_SIZE); // StructureSize (2 bytes)
        w.u16(0); // Reserved (2 bytes)
        w.u32(0); // Flags (4 bytes)
        w.guid(leaseKey); // LeaseKey (16 bytes)
        w.u32(leaseState); // LeaseState (4 bytes)
        w.u64(0); // LeaseDuration (8 bytes)
    }
}
