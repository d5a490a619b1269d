package io.interlock.server.smb2.wire;

import java.util.UUID;

/** Lease Break Notification ([MS-SMB2] 2.2.23.2). */
public record LeaseBreakNotification(int newEpoch, int flags, UUID leaseKey, int currentState, int newState)
        implements Smb2Response {
    public static final int ACK_REQUIRED = 0x1;

    @Override
    public void encode(Smb2Writer w) {
        w.u16(44); // StructureSize (2 bytes)
        w.u16(newEpoch); // NewEpoch (2 bytes)
        w.u32(flags); // Flags (4 bytes)
        w.guid(leaseKey); // LeaseKey (16 bytes)
        w.u32(currentState); // CurrentLeaseState (4 bytes)
        w.u32(newState); // NewLeaseState (4 bytes)
        w.u32(0); // BreakReason (4 bytes)
        w.u32(0); // AccessMaskHint (4 bytes)
        w.u32(0); // ShareMaskHint (4 bytes)
    }
}
