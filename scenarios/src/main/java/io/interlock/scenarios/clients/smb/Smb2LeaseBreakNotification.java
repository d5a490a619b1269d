package io.interlock.scenarios.clients.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * SMB2 Lease Break Notification ([MS-SMB2] 2.2.23.2), 44 bytes, sent unsolicited with command
 * OPLOCK_BREAK (0x12) and MessageId 0xFFFFFFFFFFFFFFFF.
 *
 * @param newEpoch v2 leases: the new Lease.Epoch; 0 for v1
 * @param flags 0x1 SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED
 * @param leaseKey the broken lease
 * @param currentState state before the break
 * @param newState the state the server breaks to (the most the ack may keep)
 */
public record Smb2LeaseBreakNotification(
        int newEpoch,
        int flags,
        UUID leaseKey,
        int currentState,
        int newState,
        int breakReason,
        int accessMaskHint,
        int shareMaskHint) {

    public static final int STRUCTURE_SIZE = 44;
    public static final int FLAG_ACK_REQUIRED = 0x1;

    public boolean ackRequired() {
        return (flags & FLAG_ACK_REQUIRED) != 0;
    }

    public static Smb2LeaseBreakNotification decode(ByteBuffer body) {
        ByteBuffer b = body.order(ByteOrder.LITTLE_ENDIAN);
        int size = Short.toUnsignedInt(b.getShort()); // StructureSize (2 bytes)
        if (size != STRUCTURE_SIZE) {
            throw new IllegalArgumentException("lease break StructureSize " + size + " != 44");
        }
        int epoch = Short.toUnsignedInt(b.getShort()); // NewEpoch (2 bytes)
        int flags = b.getInt(); // Flags (4 bytes)
        UUID key = LeaseKeys.get(b); // LeaseKey (16 bytes)
        int current = b.getInt(); // CurrentLeaseState (4 bytes)
        int next = b.getInt(); // NewLeaseState (4 bytes)
        int reason = b.getInt(); // BreakReason (4 bytes)
        int access = b.getInt(); // AccessMaskHint (4 bytes)
        int share = b.getInt(); // ShareMaskHint (4 bytes)
        return new Smb2LeaseBreakNotification(epoch, flags, key, current, next, reason, access, share);
    }

    public void encode(ByteBuffer out) {
        ByteBuffer b = out.order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) STRUCTURE_SIZE);
        b.putShort((short) newEpoch);
        b.putInt(flags);
        LeaseKeys.put(b, leaseKey);
        b.putInt(currentState);
        b.putInt(newState);
        b.putInt(breakReason);
        b.putInt(accessMaskHint);
        b.putInt(shareMaskHint);
    }
}
