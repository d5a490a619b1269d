package io.interlock.scenarios.clients.nfs;

import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;

/**
 * fattr3 fields as unsigned values. nfs-client-java 1.1.0 widens uint32 words from a signed int
 * (quirk q5 in the NFS catalog, §1.6), so uid 4294967294 arrives as -2; every 32-bit field is
 * masked with 0xFFFFFFFFL here.
 *
 * @param type ftype3 name (e.g. NFREG)
 * @param mode permission bits
 * @param nlink link count
 * @param uid owner
 * @param gid group
 * @param size size in bytes (uint64, not masked)
 * @param fileId fileid3
 */
public record NfsAttrs(String type, long mode, long nlink, long uid, long gid, long size, long fileId) {
    static final long U32 = 0xFFFFFFFFL;

    /** ftype3 (RFC 1813 §2.5). */
    static String typeName(int t) {
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

    static NfsAttrs of(NfsGetAttributes a) {
        return new NfsAttrs(
                typeName(a.getType() == null ? -1 : a.getType().getValue()),
                a.getMode() & U32,
                a.getNlink() & U32,
                a.getUid() & U32,
                a.getGid() & U32,
                a.getSize(),
                a.getFileid());
    }
}
