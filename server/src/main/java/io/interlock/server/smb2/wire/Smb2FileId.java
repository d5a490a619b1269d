package io.interlock.server.smb2.wire;

/**
 * SMB2_FILEID ([MS-SMB2] 2.2.14.1): persistent and volatile parts.
 *
 * @param persistent Persistent (8 bytes)
 * @param volatileId Volatile (8 bytes)
 */
public record Smb2FileId(long persistent, long volatileId) {
    /** All ones: "the file of the previous CREATE" in a related compound (3.3.5.2.7.2). */
    public static final Smb2FileId COMPOUNDED = new Smb2FileId(-1L, -1L);

    public static Smb2FileId decode(Smb2Reader r) throws Smb2ProtocolException {
        return new Smb2FileId(r.u64(), r.u64());
    }

    public void encode(Smb2Writer w) {
        w.u64(persistent);
        w.u64(volatileId);
    }

    public boolean isCompounded() {
        return persistent == -1L && volatileId == -1L;
    }
}
