package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.smb2.wire.Smb2NetworkOpenInfo;
import java.time.Instant;

/** FILETIME conversion ([MS-DTYP] 2.3.3) and FSCC attribute derivation. */
public final class Smb2Times {
    private static final long EPOCH_DIFF_SECONDS = 11644473600L;

    public static final int ATTR_READONLY = 0x1;
    public static final int ATTR_HIDDEN = 0x2;
    public static final int ATTR_SYSTEM = 0x4;
    public static final int ATTR_DIRECTORY = 0x10;
    public static final int ATTR_ARCHIVE = 0x20;
    public static final int ATTR_NORMAL = 0x80;
    /** The DOS bits the store keeps. */
    public static final int STORED_ATTRS = ATTR_READONLY | ATTR_HIDDEN | ATTR_SYSTEM | ATTR_ARCHIVE;

    private Smb2Times() {}

    /** 100-ns intervals since 1601-01-01 UTC. */
    public static long filetime(Instant t) {
        if (t == null) {
            return 0;
        }
        return (t.getEpochSecond() + EPOCH_DIFF_SECONDS) * 10_000_000L + t.getNano() / 100;
    }

    public static Instant instant(long filetime) {
        long secs = Math.floorDiv(filetime, 10_000_000L) - EPOCH_DIFF_SECONDS;
        long rem = Math.floorMod(filetime, 10_000_000L);
        return Instant.ofEpochSecond(secs, rem * 100);
    }

    /** FileAttributes for the wire: DIRECTORY derived from the type, NORMAL when nothing else. */
    public static int attributes(FileAttributes a) {
        int v = a.dosAttributes() & STORED_ATTRS;
        if (a.isDirectory()) {
            v |= ATTR_DIRECTORY;
        }
        return v == 0 ? ATTR_NORMAL : v;
    }

    /** AllocationSize: the size rounded up to 4 KiB (directories 0). */
    public static long allocation(FileAttributes a) {
        return a.isDirectory() ? 0 : (a.size() + 4095) & ~4095L;
    }

    /** The CREATE/CLOSE/FileNetworkOpenInformation attribute block of an object. */
    public static Smb2NetworkOpenInfo networkOpen(FileAttributes a) {
        return new Smb2NetworkOpenInfo(
                filetime(a.birthTime()),
                filetime(a.atime()),
                filetime(a.mtime()),
                filetime(a.ctime()),
                allocation(a),
                a.isDirectory() ? 0 : a.size(),
                attributes(a));
    }
}
