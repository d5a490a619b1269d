package io.interlock.server.smb2.wire;

/**
 * The times, sizes and attributes that CREATE ([MS-SMB2] 2.2.14) and CLOSE (2.2.16) responses carry
 * and FileNetworkOpenInformation ([MS-FSCC] 2.4.29) returns, in the same order; times are FILETIME.
 */
public record Smb2NetworkOpenInfo(
        long creationTime,
        long lastAccessTime,
        long lastWriteTime,
        long changeTime,
        long allocationSize,
        long endOfFile,
        int fileAttributes) {

    /** All zero (a CLOSE without POSTQUERY_ATTRIB). */
    public static final Smb2NetworkOpenInfo ZERO = new Smb2NetworkOpenInfo(0, 0, 0, 0, 0, 0, 0);

    /** Writes the 52 bytes; the callers add whatever follows (Reserved fields). */
    public void encode(Smb2Writer w) {
        w.u64(creationTime); // CreationTime (8 bytes)
        w.u64(lastAccessTime); // LastAccessTime (8 bytes)
        w.u64(lastWriteTime); // LastWriteTime (8 bytes)
        w.u64(changeTime); // ChangeTime (8 bytes)
        w.u64(allocationSize); // AllocationSize (8 bytes)
        w.u64(endOfFile); // EndofFile (8 bytes)
        w.u32(fileAttributes); // FileAttributes (4 bytes)
    }
}
