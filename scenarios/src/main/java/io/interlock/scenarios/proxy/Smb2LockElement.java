package io.interlock.scenarios.proxy;

/**
 * SMB2_LOCK_ELEMENT ([MS-SMB2] 2.2.26.1).
 *
 * @param offset Offset
 * @param length Length
 * @param flags Flags (0x1 SHARED, 0x2 EXCLUSIVE, 0x4 UNLOCK, 0x10 FAIL_IMMEDIATELY)
 */
public record Smb2LockElement(long offset, long length, int flags) {
    public static final int SIZE = 24;
    public static final int SHARED_LOCK = 0x1;
    public static final int EXCLUSIVE_LOCK = 0x2;
    public static final int UNLOCK = 0x4;
    public static final int FAIL_IMMEDIATELY = 0x10;

    static Smb2LockElement read(WireCursor c) {
        long offset = c.u64le(); // Offset (8 bytes)
        long length = c.u64le(); // Length (8 bytes)
        int flags = c.i32le(); // Flags (4 bytes)
        c.i32le(); // Reserved (4 bytes)
        return new Smb2LockElement(offset, length, flags);
    }
}
