package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.PostOpFh3;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * CREATE3res (RFC 1813 §3.3.8), and MKDIR3res, SYMLINK3res, MKNOD3res (§3.3.9–11), which have the
 * same layout: resok {obj post_op_fh3, obj_attributes, dir_wcc}; resfail {dir_wcc}.
 *
 * @param status nfsstat3
 * @param obj post_op_fh3 (NFS3_OK only)
 * @param objAttributes post_op_attr (NFS3_OK only)
 * @param dirWcc wcc_data of the directory (both arms)
 */
public record CreateRes(Nfs3Status status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc)
        implements XdrEncodable {
    public static CreateRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        if (s != Nfs3Status.NFS3_OK) {
            return new CreateRes(s, null, null, WccData.decode(r)); // dir_wcc
        }
        return new CreateRes(s, PostOpFh3.decode(r), PostOpAttr.decode(r), WccData.decode(r));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        if (status == Nfs3Status.NFS3_OK) {
            obj.encode(w); // obj
            objAttributes.encode(w); // obj_attributes
        }
        dirWcc.encode(w); // dir_wcc
    }
}
