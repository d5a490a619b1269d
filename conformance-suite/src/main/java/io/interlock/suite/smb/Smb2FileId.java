package io.interlock.suite.smb;

import java.nio.ByteBuffer;

/**
 * An SMB2_FILEID ([MS-SMB2] 2.2.14.1).
 *
 * @param persistent Persistent (8 bytes)
 * @param volatileId Volatile (8 bytes)
 */
public record Smb2FileId(long persistent, long volatileId) {
    /** The FileId of a related compound request: "the file of the previous element". */
    public static final Smb2FileId RELATED = new Smb2FileId(-1L, -1L);

    static Smb2FileId read(ByteBuffer b, int at) {
        return new Smb2FileId(b.getLong(at), b.getLong(at + 8));
    }

    void write(ByteBuffer b) {
        b.putLong(persistent); // Persistent (8 bytes)
        b.putLong(volatileId); // Volatile (8 bytes)
    }

    @Override
    public String toString() {
        return Long.toHexString(persistent) + ":" + Long.toHexString(volatileId);
    }
}
