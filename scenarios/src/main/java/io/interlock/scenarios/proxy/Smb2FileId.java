package io.interlock.scenarios.proxy;

/**
 * SMB2_FILEID ([MS-SMB2] 2.2.14.1).
 *
 * @param persistent Persistent (8 bytes)
 * @param volatileId Volatile (8 bytes)
 */
public record Smb2FileId(long persistent, long volatileId) {
    static Smb2FileId read(WireCursor c) {
        long p = c.u64le(); // Persistent (8 bytes)
        return new Smb2FileId(p, c.u64le()); // Volatile (8 bytes)
    }

    @Override
    public String toString() {
        return Long.toHexString(persistent) + ":" + Long.toHexString(volatileId);
    }
}
