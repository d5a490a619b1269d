package io.interlock.scenarios.model;

/**
 * Access masks and share access of SMB2 CREATE ([MS-SMB2] 2.2.13.1, [MS-FSCC] 2.4 / [MS-DTYP]
 * 2.4.3 generic mapping for files), and the two predicates the model needs from them: whether an
 * open is a <em>stat open</em> (catalog §2 intro, R-SMB-40) and whether two opens conflict on share
 * modes ([MS-FSA] 2.1.5.1.2.1).
 */
public final class Smb2Access {
    public static final int FILE_READ_DATA = 0x00000001;
    public static final int FILE_WRITE_DATA = 0x00000002;
    public static final int FILE_APPEND_DATA = 0x00000004;
    public static final int FILE_READ_EA = 0x00000008;
    public static final int FILE_WRITE_EA = 0x00000010;
    public static final int FILE_EXECUTE = 0x00000020;
    public static final int FILE_READ_ATTRIBUTES = 0x00000080;
    public static final int FILE_WRITE_ATTRIBUTES = 0x00000100;
    public static final int DELETE = 0x00010000;
    public static final int READ_CONTROL = 0x00020000;
    public static final int WRITE_DAC = 0x00040000;
    public static final int WRITE_OWNER = 0x00080000;
    public static final int SYNCHRONIZE = 0x00100000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int GENERIC_ALL = 0x10000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_READ = 0x80000000;

    /** FILE_ALL_ACCESS ([MS-FSCC] 2.4): what GENERIC_ALL and MAXIMUM_ALLOWED map to. */
    public static final int FILE_ALL_ACCESS = 0x001F01FF;

    /** ShareAccess bits ([MS-SMB2] 2.2.13). */
    public static final int FILE_SHARE_READ = 0x1;

    public static final int FILE_SHARE_WRITE = 0x2;
    public static final int FILE_SHARE_DELETE = 0x4;
    public static final int FILE_SHARE_ALL = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

    /** What the engine asks by default: read and write data (GENERIC_READ | GENERIC_WRITE). */
    public static final int READ_WRITE = GENERIC_READ | GENERIC_WRITE;

    /** Attribute-only access, a stat open for oplocks and leases (R-SMB-40). */
    public static final int STAT = FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES | SYNCHRONIZE;

    private static final int DATA = FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_EXECUTE | DELETE;

    private Smb2Access() {}

    /** The mask with generic rights mapped to file rights ([MS-DTYP] 2.4.3, file generic mapping). */
    public static int normalize(int access) {
        int a = access & 0x01FFFFFF & ~MAXIMUM_ALLOWED;
        if ((access & (GENERIC_ALL | MAXIMUM_ALLOWED)) != 0) {
            a |= FILE_ALL_ACCESS;
        }
        if ((access & GENERIC_READ) != 0) {
            a |= FILE_READ_DATA | FILE_READ_EA | FILE_READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE;
        }
        if ((access & GENERIC_WRITE) != 0) {
            a |= FILE_WRITE_DATA
                    | FILE_APPEND_DATA
                    | FILE_WRITE_EA
                    | FILE_WRITE_ATTRIBUTES
                    | READ_CONTROL
                    | SYNCHRONIZE;
        }
        if ((access & GENERIC_EXECUTE) != 0) {
            a |= FILE_EXECUTE | FILE_READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE;
        }
        return a;
    }

    /**
     * A stat open for traditional oplocks: only FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES and
     * SYNCHRONIZE (R-SMB-40, ST statopen1). READ_CONTROL breaks oplocks.
     */
    public static boolean statForOplocks(int access) {
        return (normalize(access) & ~STAT) == 0;
    }

    /** A stat open for leases: the oplock set plus READ_CONTROL (R-SMB-40, ST statopen4). */
    public static boolean statForLeases(int access) {
        return (normalize(access) & ~(STAT | READ_CONTROL)) == 0;
    }

    public static boolean canRead(int access) {
        return (normalize(access) & (FILE_READ_DATA | FILE_EXECUTE)) != 0;
    }

    public static boolean canWrite(int access) {
        return (normalize(access) & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    }

    /**
     * Whether a new open ({@code access}, {@code share}) conflicts with an existing one ([MS-FSA]
     * 2.1.5.1.2.1): an open that reads, writes or deletes needs every other data open to share that,
     * and must itself share what the others do. Opens without data access (stat opens) are skipped in
     * both directions.
     */
    public static boolean shareConflict(int oldAccess, int oldShare, int newAccess, int newShare) {
        int o = normalize(oldAccess);
        int n = normalize(newAccess);
        if ((o & DATA) == 0 || (n & DATA) == 0) {
            return false;
        }
        return denies(oldShare, n) || denies(newShare, o);
    }

    /** Whether {@code share} refuses an open with (normalized) {@code access}. */
    private static boolean denies(int share, int access) {
        return ((access & (FILE_READ_DATA | FILE_EXECUTE)) != 0 && (share & FILE_SHARE_READ) == 0)
                || ((access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0 && (share & FILE_SHARE_WRITE) == 0)
                || ((access & DELETE) != 0 && (share & FILE_SHARE_DELETE) == 0);
    }
}
