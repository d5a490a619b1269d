package io.interlock.server.core.lock;

/**
 * Protocol-neutral access and share-access bits for share-mode checks ([MS-FSA] 2.1.5.1.2.1). The
 * share bits have the values of FILE_SHARE_READ/WRITE/DELETE ([MS-SMB2] 2.2.13 ShareAccess); the
 * access bits are a reduction of the NT access mask that the adapter computes:
 *
 * <ul>
 *   <li>{@link #READ}: FILE_READ_DATA or FILE_EXECUTE
 *   <li>{@link #WRITE}: FILE_WRITE_DATA or FILE_APPEND_DATA
 *   <li>{@link #DELETE}: DELETE
 * </ul>
 *
 * An open holding none of the three (a stat open) never conflicts and is never conflicted with.
 * NLM SHARE maps its deny mode onto the share bits: shareAccess = ~deny.
 */
public final class ShareMode {
    public static final int READ = 0x1;
    public static final int WRITE = 0x2;
    public static final int DELETE = 0x4;
    public static final int ALL = READ | WRITE | DELETE;

    public static final int SHARE_READ = 0x1;
    public static final int SHARE_WRITE = 0x2;
    public static final int SHARE_DELETE = 0x4;
    public static final int SHARE_ALL = SHARE_READ | SHARE_WRITE | SHARE_DELETE;

    private ShareMode() {}

    /** Whether two opens with these modes can coexist. */
    public static boolean compatible(int accessA, int shareA, int accessB, int shareB) {
        if ((accessA & ALL) == 0 || (accessB & ALL) == 0) {
            return true;
        }
        // each side's access must be allowed by the other side's share access (same bit layout)
        return (accessA & ALL & ~shareB) == 0 && (accessB & ALL & ~shareA) == 0;
    }
}
