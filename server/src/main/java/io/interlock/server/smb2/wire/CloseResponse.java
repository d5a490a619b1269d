package io.interlock.server.smb2.wire;

/** SMB2 CLOSE Response ([MS-SMB2] 2.2.16); all attribute fields 0 unless POSTQUERY_ATTRIB. */
public record CloseResponse(
        int flags,
        long creationTime,
        long lastAccessTime,
        long lastWriteTime,
        long changeTime,
        long allocationSize,
        long endOfFile,
        int fileAttributes)
        implements Smb2Response {

    public static final CloseResponse EMPTY = new CloseResponse(0, 0, 0, 0, 0, 0, 0, 0);

    @Override
    public void encode(Smb2Writer w) {
        w.u16(60); // StructureSize (2 bytes)
        w.u16(flags); // Flags (2 bytes)
        w.u32(0); // Reserved (4 bytes)
        w.u64(creationTime); // CreationTime (8 bytes)
        w.u64(lastAccessTime); // LastAccessTime (8 bytes)
        w.u64(lastWriteTime); // LastWriteTime (8 bytes)
        w.u64(changeTime); // ChangeTime (8 bytes)
        w.u64(allocationSize); // AllocationSize (8 bytes)
        w.u64(endOfFile); // EndofFile (8 bytes)
        w.u32(fileAttributes); // FileAttributes (4 bytes)
    }
}
