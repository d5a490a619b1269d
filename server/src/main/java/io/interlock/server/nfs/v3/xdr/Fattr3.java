package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * fattr3 (RFC 1813 §2.5, 84 bytes): the attributes of a file system object.
 *
 * @param type ftype3 (NF3REG 1, NF3DIR 2, NF3LNK 5, ...)
 * @param mode permission bits (low 12 bits)
 * @param nlink number of hard links
 * @param uid owner
 * @param gid group
 * @param size size in bytes
 * @param used bytes of storage used
 * @param specdata1 rdev major
 * @param specdata2 rdev minor
 * @param fsid file system id
 * @param fileid file id (unique within fsid)
 * @param atime last access
 * @param mtime last data modification
 * @param ctime last attribute change
 */
public record Fattr3(
        int type,
        int mode,
        int nlink,
        int uid,
        int gid,
        long size,
        long used,
        int specdata1,
        int specdata2,
        long fsid,
        long fileid,
        Nfstime3 atime,
        Nfstime3 mtime,
        Nfstime3 ctime) {

    /** The wire form of stored attributes; {@code fsid} is the share id. */
    public static Fattr3 of(FileAttributes a, int fsid) {
        int type =
                switch (a.type()) {
                    case REGULAR -> Ftype3.NF3REG;
                    case DIRECTORY -> Ftype3.NF3DIR;
                    case SYMLINK -> Ftype3.NF3LNK;
                };
        return new Fattr3(
                type,
                a.mode() & 07777,
                a.nlink(),
                a.uid(),
                a.gid(),
                a.size(),
                a.used(),
                0,
                0,
                fsid & 0xFFFFFFFFL,
                a.id().value(),
                Nfstime3.of(a.atime()),
                Nfstime3.of(a.mtime()),
                Nfstime3.of(a.ctime()));
    }

    public static Fattr3 decode(XdrReader r) {
        return new Fattr3(
                r.readInt(), // type (4 bytes)
                r.readInt(), // mode (4 bytes)
                r.readInt(), // nlink (4 bytes)
                r.readInt(), // uid (4 bytes)
                r.readInt(), // gid (4 bytes)
                r.readLong(), // size (8 bytes)
                r.readLong(), // used (8 bytes)
                r.readInt(), // rdev.specdata1 (4 bytes)
                r.readInt(), // rdev.specdata2 (4 bytes)
                r.readLong(), // fsid (8 bytes)
                r.readLong(), // fileid (8 bytes)
                Nfstime3.decode(r), // atime (8 bytes)
                Nfstime3.decode(r), // mtime (8 bytes)
                Nfstime3.decode(r)); // ctime (8 bytes)
    }

    public void encode(XdrWriter w) {
        w.writeInt(type); // type
        w.writeInt(mode); // mode
        w.writeInt(nlink); // nlink
        w.writeInt(uid); // uid
        w.writeInt(gid); // gid
        w.writeLong(size); // size
        w.writeLong(used); // used
        w.writeInt(specdata1).writeInt(specdata2); // rdev
        w.writeLong(fsid); // fsid
        w.writeLong(fileid); // fileid
        atime.encode(w); // atime
        mtime.encode(w); // mtime
        ctime.encode(w); // ctime
    }
}
