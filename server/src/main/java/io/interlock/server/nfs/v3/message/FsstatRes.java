package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * FSSTAT3res (RFC 1813 §3.3.18): resok {obj_attributes, tbytes, fbytes, abytes, tfiles, ffiles,
 * afiles, invarsec}; resfail {obj_attributes}.
 *
 * @param status nfsstat3
 * @param objAttributes post_op_attr (both arms)
 * @param tbytes total bytes
 * @param fbytes free bytes
 * @param abytes bytes free to this user
 * @param tfiles total file slots
 * @param ffiles free file slots
 * @param afiles file slots free to this user
 * @param invarsec seconds for which the figures will not change
 */
public record FsstatRes(
        Nfs3Status status,
        PostOpAttr objAttributes,
        long tbytes,
        long fbytes,
        long abytes,
        long tfiles,
        long ffiles,
        long afiles,
        int invarsec)
        implements XdrEncodable {
    public static FsstatRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // obj_attributes
        if (s != Nfs3Status.NFS3_OK) {
            return new FsstatRes(s, a, 0, 0, 0, 0, 0, 0, 0);
        }
        // tbytes, fbytes, abytes, tfiles, ffiles, afiles (8 bytes each), invarsec (4 bytes)
        return new FsstatRes(
                s, a, r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readInt());
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        objAttributes.encode(w); // obj_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeLong(tbytes).writeLong(fbytes).writeLong(abytes); // tbytes, fbytes, abytes
            w.writeLong(tfiles).writeLong(ffiles).writeLong(afiles); // tfiles, ffiles, afiles
            w.writeInt(invarsec); // invarsec
        }
    }
}
