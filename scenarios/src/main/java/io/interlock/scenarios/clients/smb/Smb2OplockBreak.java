package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2FileId;
import com.hierynomus.smb.SMBBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * SMB2 Oplock Break Notification ([MS-SMB2] 2.2.23.1), Acknowledgment (2.2.24.1) and Response
 * (2.2.25.1): one 24-byte layout, command OPLOCK_BREAK (0x12).
 *
 * @param oplockLevel notification: the most the ack may keep; ack: the level the client keeps;
 *     response: the resulting level
 * @param fileId the open
 */
public record Smb2OplockBreak(int oplockLevel, SMB2FileId fileId) {

    public static final int STRUCTURE_SIZE = 24;

    public byte[] encodeBody() {
        ByteBuffer b = ByteBuffer.allocate(STRUCTURE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) STRUCTURE_SIZE); // StructureSize (2 bytes)
        b.put((byte) oplockLevel); // OplockLevel (1 byte)
        b.put((byte) 0); // Reserved (1 byte)
        b.putInt(0); // Reserved2 (4 bytes)
        b.put(fileIdBytes(fileId)); // FileId (16 bytes): Persistent, Volatile
        return b.array();
    }

    public static Smb2OplockBreak decode(ByteBuffer body) {
        ByteBuffer b = body.order(ByteOrder.LITTLE_ENDIAN);
        int size = Short.toUnsignedInt(b.getShort()); // StructureSize (2 bytes)
        if (size != STRUCTURE_SIZE) {
            throw new IllegalArgumentException("oplock break StructureSize " + size + " != 24");
        }
        int level = Byte.toUnsignedInt(b.get()); // OplockLevel (1 byte)
        b.get(); // Reserved (1 byte)
        b.getInt(); // Reserved2 (4 bytes)
        byte[] persistent = new byte[8];
        byte[] volatileId = new byte[8];
        b.get(persistent); // FileId.Persistent (8 bytes)
        b.get(volatileId); // FileId.Volatile (8 bytes)
        return new Smb2OplockBreak(level, new SMB2FileId(persistent, volatileId));
    }

    /** The 16 bytes of {@code id} as they go on the wire (smbj's SMB2FileId has no getters). */
    static byte[] fileIdBytes(SMB2FileId id) {
        SMBBuffer b = new SMBBuffer();
        id.write(b);
        return b.getCompactData();
    }
}
