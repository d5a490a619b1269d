package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * A Lease Break Notification ([MS-SMB2] 2.2.23.2) as received.
 *
 * @param newEpoch NewEpoch (2 bytes at 2)
 * @param flags Flags (4 bytes at 4); 0x1 = ACK_REQUIRED
 * @param key LeaseKey (16 bytes at 8)
 * @param current CurrentLeaseState (4 bytes at 24)
 * @param newState NewLeaseState (4 bytes at 28)
 * @param breakReason BreakReason (4 bytes at 32)
 * @param accessMaskHint AccessMaskHint (4 bytes at 36)
 * @param shareMaskHint ShareMaskHint (4 bytes at 40)
 * @param message the whole notification
 */
public record LeaseBreak(
        int newEpoch,
        int flags,
        UUID key,
        int current,
        int newState,
        int breakReason,
        int accessMaskHint,
        int shareMaskHint,
        Smb2Message message) {
    public static final int ACK_REQUIRED = 0x1;

    static LeaseBreak decode(Smb2Message m) {
        ByteBuffer b = m.body();
        int epoch = Short.toUnsignedInt(b.getShort(2));
        int flags = b.getInt(4);
        b.position(8);
        UUID key = Lease.getKey(b);
        return new LeaseBreak(
                epoch, flags, key, b.getInt(24), b.getInt(28), b.getInt(32), b.getInt(36), b.getInt(40), m);
    }

    public boolean ackRequired() {
        return (flags & ACK_REQUIRED) != 0;
    }

    @Override
    public String toString() {
        return "lease break " + Lease.bits(current) + "->" + Lease.bits(newState)
                + (ackRequired() ? " ACK_REQUIRED" : "") + " epoch=" + newEpoch;
    }
}
