package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Shared NFSv3 XDR types (RFC 1813 §2.5, §2.6): fattr3, post_op_attr, wcc_data, sattr3, names. */
public final class Nfs3Xdr {
    private Nfs3Xdr() {}

    /** filename3 / nfspath3 decode bound: well above name_max so NAMETOOLONG, not GARBAGE, answers. */
    public static final int MAX_NAME_WIRE = 4096;

    public static final int MAX_PATH_WIRE = 4096;

    // ftype3
    public static final int NF3REG = 1;
    public static final int NF3DIR = 2;
    public static final int NF3BLK = 3;
    public static final int NF3CHR = 4;
    public static final int NF3LNK = 5;
    public static final int NF3SOCK = 6;
    public static final int NF3FIFO = 7;

    /** nfs_fh3: opaque<64>; longer is GARBAGE_ARGS (spec R-RPC-4). */
    public static byte[] readHandle(XdrReader r) {
        return r.readOpaque(Nfs3FileHandle.MAX_LENGTH);
    }

    /** filename3 as raw bytes: names are validated later, by length in bytes. */
    public static byte[] readName(XdrReader r) {
        return r.readOpaque(MAX_NAME_WIRE);
    }

    public static String name(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    public static void writeHandle(XdrWriter w, byte[] fh) {
        w.writeOpaque(fh);
    }

    /** fattr3 (84 bytes). */
    public static void fattr3(XdrWriter w, FileAttributes a, int fsid) {
        // type (4)
        w.writeInt(
                switch (a.type()) {
                    case REGULAR -> NF3REG;
                    case DIRECTORY -> NF3DIR;
                    case SYMLINK -> NF3LNK;
                });
        // mode, nlink, uid, gid (4 each)
        w.writeInt(a.mode() & 07777).writeInt(a.nlink()).writeInt(a.uid()).writeInt(a.gid());
        // size, used (8 each)
        w.writeLong(a.size()).writeLong(a.used());
        // rdev specdata1, specdata2 (4 each)
        w.writeInt(0).writeInt(0);
        // fsid, fileid (8 each)
        w.writeLong(fsid & 0xFFFFFFFFL).writeLong(a.id().value());
        // atime, mtime, ctime (nfstime3: 4 + 4 each)
        time(w, a.atime());
        time(w, a.mtime());
        time(w, a.ctime());
    }

    public static void time(XdrWriter w, Instant t) {
        w.writeInt((int) t.getEpochSecond()).writeInt(t.getNano());
    }

    public static Instant readTime(XdrReader r) {
        long s = r.readUnsignedInt();
        long ns = r.readUnsignedInt();
        if (ns >= 1_000_000_000L) {
            throw new XdrException("nseconds " + ns);
        }
        return Instant.ofEpochSecond(s, ns);
    }

    /** post_op_attr: bool, then fattr3 when present. */
    public static void postOpAttr(XdrWriter w, FileAttributes a, int fsid) {
        w.writeBoolean(a != null);
        if (a != null) {
            fattr3(w, a, fsid);
        }
    }

    /** pre_op_attr: bool, then wcc_attr {size, mtime, ctime}. */
    public static void preOpAttr(XdrWriter w, FileAttributes a) {
        w.writeBoolean(a != null);
        if (a != null) {
            w.writeLong(a.size());
            time(w, a.mtime());
            time(w, a.ctime());
        }
    }

    /** wcc_data: pre_op_attr + post_op_attr. */
    public static void wcc(XdrWriter w, FileAttributes pre, FileAttributes post, int fsid) {
        preOpAttr(w, pre);
        postOpAttr(w, post, fsid);
    }

    /** Whether a wire time equals a stored one as the wire carries it (seconds mod 2^32, nanos). */
    public static boolean sameWireTime(Instant wire, Instant stored) {
        return wire.getNano() == stored.getNano()
                && (wire.getEpochSecond() & 0xFFFFFFFFL) == (stored.getEpochSecond() & 0xFFFFFFFFL);
    }

    /** sattr3 (RFC 1813 §2.5.3): SET_TO_SERVER_TIME resolves to {@code now}. */
    public static SetAttributes readSattr3(XdrReader r, Instant now) {
        Integer mode = r.readBoolean() ? r.readInt() & 07777 : null;
        Integer uid = r.readBoolean() ? r.readInt() : null;
        Integer gid = r.readBoolean() ? r.readInt() : null;
        Long size = r.readBoolean() ? r.readLong() : null;
        Instant atime = readTimeHow(r, now);
        Instant mtime = readTimeHow(r, now);
        return new SetAttributes(mode, uid, gid, size, atime, mtime, null, null);
    }

    private static Instant readTimeHow(XdrReader r, Instant now) {
        int how = r.readInt();
        return switch (how) {
            case 0 -> null; // DONT_CHANGE
            case 1 -> now; // SET_TO_SERVER_TIME
            case 2 -> readTime(r); // SET_TO_CLIENT_TIME
            default -> throw new XdrException("time_how " + how);
        };
    }

    /** Writes a sattr3 (for tests and clients). */
    public static void writeSattr3(XdrWriter w, SetAttributes s) {
        w.writeBoolean(s.mode() != null);
        if (s.mode() != null) {
            w.writeInt(s.mode());
        }
        w.writeBoolean(s.uid() != null);
        if (s.uid() != null) {
            w.writeInt(s.uid());
        }
        w.writeBoolean(s.gid() != null);
        if (s.gid() != null) {
            w.writeInt(s.gid());
        }
        w.writeBoolean(s.size() != null);
        if (s.size() != null) {
            w.writeLong(s.size());
        }
        for (Instant t : new Instant[] {s.atime(), s.mtime()}) {
            if (t == null) {
                w.writeInt(0);
            } else {
                w.writeInt(2);
                time(w, t);
            }
        }
    }
}
