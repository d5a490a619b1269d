package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * LOOKUP3res (RFC 1813 §3.3.3): resok {object, obj_attributes, dir_attributes}; resfail
 * {dir_attributes}.
 *
 * @param status nfsstat3
 * @param object nfs_fh3 on NFS3_OK, else null
 * @param objAttributes post_op_attr on NFS3_OK, else null
 * @param dirAttributes post_op_attr (both arms)
 */
public record LookupRes(Nfs3Status status, byte[] object, PostOpAttr objAttributes, PostOpAttr dirAttributes)
        implements XdrEncodable {

    public static LookupRes ok(byte[] object, PostOpAttr obj, PostOpAttr dir) {
        return new LookupRes(Nfs3Status.NFS3_OK, object, obj, dir);
    }

    public static LookupRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        if (s != Nfs3Status.NFS3_OK) {
            return new LookupRes(s, null, null, PostOpAttr.decode(r)); // dir_attributes
        }
        return new LookupRes(s, NfsFh3.decode(r), PostOpAttr.decode(r), PostOpAttr.decode(r));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        if (status == Nfs3Status.NFS3_OK) {
            NfsFh3.encode(w, object); // object
            objAttributes.encode(w); // obj_attributes
        }
        dirAttributes.encode(w); // dir_attributes
    }
}
