package io.interlock.scenarios.clients.nfs;

import java.time.Instant;

/**
 * fattr3 fields (RFC 1813 §2.5) the engine looks at, as unsigned values: every 32-bit field is in
 * 0..2^32-1 (nfs-client-java widens them from a signed int, quirk q5 in the NFS catalog §1.6, so
 * its driver masks them).
 *
 * @param type ftype3 name (e.g. NF3REG)
 * @param mode permission bits
 * @param nlink link count
 * @param uid owner
 * @param gid group
 * @param size size in bytes (uint64, not masked)
 * @param fileId fileid3
 * @param mtime last data change (nfs-client-java gives it to the millisecond only)
 */
public record NfsAttrs(String type, long mode, long nlink, long uid, long gid, long size, long fileId, Instant mtime) {
    static final long U32 = 0xFFFFFFFFL;

    /** ftype3 (RFC 1813 §2.5). */
    public static String typeName(int t) {
        return switch (t) {
            case 1 -> "NF3REG";
            case 2 -> "NF3DIR";
            case 3 -> "NF3BLK";
            case 4 -> "NF3CHR";
            case 5 -> "NF3LNK";
            case 6 -> "NF3SOCK";
            case 7 -> "NF3FIFO";
            default -> "ftype3(" + t + ")";
        };
    }
}
