package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * fattr3 (RFC 1813 §2.5, 84 bytes), and post_op_attr as a nullable fattr3.
 *
 * @param type ftype3 (REG 1, DIR 2, BLK 3, CHR 4, LNK 5, SOCK 6, FIFO 7)
 * @param mode permission bits (uint32)
 * @param nlink link count (uint32)
 * @param uid owner (uint32)
 * @param gid group (uint32)
 * @param size bytes (uint64)
 * @param used bytes of storage used (uint64)
 * @param rdevMajor specdata1 (uint32)
 * @param rdevMinor specdata2 (uint32)
 * @param fsid file system id (uint64)
 * @param fileid file id (uint64)
 * @param atime last access
 * @param mtime last data change
 * @param ctime last attribute change
 */
public record Nfs3Fattr(
        int type,
        long mode,
        long nlink,
        long uid,
        long gid,
        long size,
        long used,
        long rdevMajor,
        long rdevMinor,
        long fsid,
        long fileid,
        Nfs3Time atime,
        Nfs3Time mtime,
        Nfs3Time ctime) {
    public static final int NF3REG = 1;
    public static final int NF3DIR = 2;

    public static Nfs3Fattr decode(XdrIn in) {
        return new Nfs3Fattr(
                in.int32(), // type ftype3 (4 bytes)
                in.uint32(), // mode (4 bytes)
                in.uint32(), // nlink (4 bytes)
                in.uint32(), // uid (4 bytes)
                in.uint32(), // gid (4 bytes)
                in.hyper(), // size (8 bytes)
                in.hyper(), // used (8 bytes)
                in.uint32(), // rdev.specdata1 (4 bytes)
                in.uint32(), // rdev.specdata2 (4 bytes)
                in.hyper(), // fsid (8 bytes)
                in.hyper(), // fileid (8 bytes)
                Nfs3Time.decode(in), // atime (8 bytes)
                Nfs3Time.decode(in), // mtime (8 bytes)
                Nfs3Time.decode(in)); // ctime (8 bytes)
    }

    public void encode(XdrOut o) {
        o.int32(type); // type
        o.uint32(mode); // mode
        o.uint32(nlink); // nlink
        o.uint32(uid); // uid
        o.uint32(gid); // gid
        o.hyper(size); // size
        o.hyper(used); // used
        o.uint32(rdevMajor); // rdev.specdata1
        o.uint32(rdevMinor); // rdev.specdata2
        o.hyper(fsid); // fsid
        o.hyper(fileid); // fileid
        atime.encode(o); // atime
        mtime.encode(o); // mtime
        ctime.encode(o); // ctime
    }

    /** post_op_attr (§2.6): the attributes, or null when the server sent none. */
    public static Nfs3Fattr decodePostOp(XdrIn in) {
        return in.bool() ? decode(in) : null; // attributes_follow bool, then fattr3
    }

    public static void encodePostOp(XdrOut o, Nfs3Fattr a) {
        o.bool(a != null); // attributes_follow
        if (a != null) {
            a.encode(o);
        }
    }
}
