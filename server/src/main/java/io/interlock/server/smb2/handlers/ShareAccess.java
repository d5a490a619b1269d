package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.ShareMode;

/**
 * NT access masks ([MS-SMB2] 2.2.13.1) reduced to what the lock manager needs: the {@link ShareMode}
 * access bits for share-mode checks, and the two "stat open" definitions of the catalog (R-SMB-40):
 * for oplocks only READ_ATTRIBUTES, WRITE_ATTRIBUTES and SYNCHRONIZE; for leases also READ_CONTROL.
 */
final class ShareAccess {
    static final int FILE_READ_DATA = 0x1;
    static final int FILE_WRITE_DATA = 0x2;
    static final int FILE_APPEND_DATA = 0x4;
    static final int FILE_EXECUTE = 0x20;
    static final int DELETE = 0x10000;
    static final int READ_CONTROL = 0x20000;
    static final int MAXIMUM_ALLOWED = 0x02000000;
    static final int GENERIC_ALL = 0x10000000;
    static final int GENERIC_EXECUTE = 0x20000000;
    static final int GENERIC_WRITE = 0x40000000;
    static final int GENERIC_READ = 0x80000000;
    /** Every specific right of a file ([MS-SMB2] 2.2.13.1.1): FILE_ALL_ACCESS. */
    static final int FILE_ALL = 0x001F01FF;

    /** Stat-open access for oplocks: READ_ATTRIBUTES | WRITE_ATTRIBUTES | SYNCHRONIZE. */
    static final int OPLOCK_STAT = 0x80 | 0x100 | 0x100000;
    /** Stat-open access for leases: the oplock set plus READ_CONTROL. */
    static final int LEASE_STAT = OPLOCK_STAT | READ_CONTROL;

    private ShareAccess() {}

    /** Maps GENERIC_* and MAXIMUM_ALLOWED onto specific file rights ([MS-FSA] 2.1.5.1.1). */
    static int expand(int desired) {
        int a = desired & 0x00FFFFFF & ~MAXIMUM_ALLOWED;
        if ((desired & (GENERIC_ALL | MAXIMUM_ALLOWED)) != 0) {
            a |= FILE_ALL;
        }
        if ((desired & GENERIC_READ) != 0) {
            a |= FILE_READ_DATA | 0x8 | 0x80 | READ_CONTROL | 0x100000;
        }
        if ((desired & GENERIC_WRITE) != 0) {
            a |= FILE_WRITE_DATA | FILE_APPEND_DATA | 0x10 | 0x100 | READ_CONTROL | 0x100000;
        }
        if ((desired & GENERIC_EXECUTE) != 0) {
            a |= FILE_EXECUTE | 0x80 | READ_CONTROL | 0x100000;
        }
        return a;
    }

    /** {@link ShareMode} access bits of an expanded mask, with NON_STAT for other non-stat rights. */
    static int shareBits(int access) {
        int m = 0;
        if ((access & (FILE_READ_DATA | FILE_EXECUTE)) != 0) {
            m |= ShareMode.READ;
        }
        if ((access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0) {
            m |= ShareMode.WRITE;
        }
        if ((access & DELETE) != 0) {
            m |= ShareMode.DELETE;
        }
        if ((access & ~LEASE_STAT) != 0) {
            m |= ShareMode.NON_STAT;
        }
        return m;
    }

    static boolean leaseStat(int access) {
        return (access & ~LEASE_STAT) == 0;
    }

    static boolean oplockStat(int access) {
        return (access & ~OPLOCK_STAT) == 0;
    }
}
