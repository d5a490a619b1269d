package io.interlock.scenarios.clients.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * SMB2 Lease Break Acknowledgment ([MS-SMB2] 2.2.24.2) and Lease Break Response (2.2.25.2): one
 * 36-byte layout, command OPLOCK_BREAK (0x12).
 *
 * @param flags ignored in the ack; 0 in the response
 * @param leaseKey the lease
 * @param leaseState ack: the state the client accepts; response: the resulting state
 */
public record Smb2LeaseBreakAck(int flags, UUID leaseKey, int leaseState) {

    public static final int STRUCTURE_SIZE = 36;

    public byte[] encodeBody() {
        ByteBuffer b = ByteBuffer.allocate(STRUCTURE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) STRUCTURE_SIZE); // StructureSize (2 bytes)
        b.putShort((short) 0); // Reserved (2 bytes)
        b.putInt(flags); // Flags (4 bytes)
        LeaseKeys.put(b, leaseKey); // LeaseKey (16 bytes)
        b.putInt(leaseState); // LeaseState (4 bytes)
        b.putLong(0); // LeaseDuration (8 bytes)
        return b.array();
    }

    public static Smb2LeaseBreakAck decode(ByteBuffer body) {
        ByteBuffer b = body.order(ByteOrder.LITTLE_ENDIAN);
        int size = Short.toUnsignedInt(b.getShort()); // StructureSize (2 bytes)
        if (size != STRUCTURE_SIZE) {
            throw new IllegalArgumentException("lease break ack/response StructureSize " + size + " != 36");
        }
        b.getShort(); // Reserved (2 bytes)
        int flags = b.getInt(); // Flags (4 bytes)
        UUID key = LeaseKeys.get(b); // LeaseKey (16 bytes)
        int state = b.getInt(); // LeaseState (4 bytes)
        b.getLong(); // LeaseDuration (8 bytes)
        return new Smb2LeaseBreakAck(flags, key, state);
    }
}
