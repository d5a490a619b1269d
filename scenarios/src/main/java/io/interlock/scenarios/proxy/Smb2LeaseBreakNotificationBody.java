package io.interlock.scenarios.proxy;

import java.util.UUID;

/**
 * SMB2 Lease Break Notification ([MS-SMB2] 2.2.23.2), 44 bytes, server to client.
 *
 * @param newEpoch NewEpoch
 * @param flags Flags (0x1 SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED)
 * @param leaseKey LeaseKey, bytes in wire order
 * @param currentLeaseState CurrentLeaseState (R 0x1, H 0x2, W 0x4)
 * @param newLeaseState NewLeaseState
 */
public record Smb2LeaseBreakNotificationBody(
        int newEpoch, int flags, UUID leaseKey, int currentLeaseState, int newLeaseState) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 44;
    public static final int FLAG_ACK_REQUIRED = 0x1;

    public boolean ackRequired() {
        return (flags & FLAG_ACK_REQUIRED) != 0;
    }

    static Smb2LeaseBreakNotificationBody decode(WireCursor c) {
        c.u16le(); // StructureSize (2 bytes): 44
        int epoch = c.u16le(); // NewEpoch (2 bytes)
        int flags = c.i32le(); // Flags (4 bytes)
        UUID key = c.uuid16(); // LeaseKey (16 bytes)
        int current = c.i32le(); // CurrentLeaseState (4 bytes)
        int next = c.i32le(); // NewLeaseState (4 bytes)
        c.skip(12); // BreakReason, AccessMaskHint, ShareMaskHint (4 bytes each): reserved
        return new Smb2LeaseBreakNotificationBody(epoch, flags, key, current, next);
    }
}
