package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * nfs_fh3 layout (RFC 1813 §2.5: opaque, at most 64 bytes, never empty here so nfs-client-java
 * never sees a null handle, spec q6). Twenty bytes:
 *
 * <pre>
 * 0      version (1)
 * 1..3   reserved, zero
 * 4..7   share id: CRC-32 of the lower-case share name (stable across restarts)
 * 8..15  FileId (stable, never reused)
 * 16..19 check: CRC-32 of bytes 0..15
 * </pre>
 *
 * A handle that fails any check is undecodable (NFS3ERR_BADHANDLE); one that decodes but names a
 * removed object or share is stale (NFS3ERR_STALE).
 *
 * @param shareId the share id
 * @param fileId the object
 */
public record Nfs3FileHandle(int shareId, FileId fileId) {
    public static final int LENGTH = 20;
    public static final int MAX_LENGTH = 64;
    private static final byte VERSION = 1;

    /** The share id of a share name. */
    public static int shareIdOf(String shareName) {
        CRC32 crc = new CRC32();
        crc.update(shareName.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(VERSION).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putInt(shareId);
        b.putLong(fileId.value());
        b.putInt(check(b.array()));
        return b.array();
    }

    private static int check(byte[] h) {
        CRC32 crc = new CRC32();
        crc.update(h, 0, 16);
        return (int) crc.getValue();
    }

    /** Decodes a handle; BADHANDLE when it is not one of ours. */
    public static Nfs3FileHandle decode(byte[] h) throws Nfs3Exception {
        if (h == null || h.length != LENGTH || h[0] != VERSION || h[1] != 0 || h[2] != 0 || h[3] != 0) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_BADHANDLE, "handle of " + (h == null ? 0 : h.length) + " bytes is not ours");
        }
        ByteBuffer b = ByteBuffer.wrap(h);
        int share = b.getInt(4);
        long id = b.getLong(8);
        if (b.getInt(16) != check(h) || id == 0) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_BADHANDLE, "handle check failed");
        }
        return new Nfs3FileHandle(share, new FileId(id));
    }
}
