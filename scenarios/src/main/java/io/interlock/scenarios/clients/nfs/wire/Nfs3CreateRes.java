package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * CREATE3res (RFC 1813 §3.3.8), and MKDIR3res (§3.3.9) with the same layout: resok {obj
 * post_op_fh3, obj_attributes, dir_wcc}; resfail {dir_wcc}.
 *
 * @param status nfsstat3
 * @param object post_op_fh3 (NFS3_OK; null when the server sent none)
 * @param objAttributes post_op_attr (NFS3_OK; may be null)
 * @param dirWcc wcc_data of the directory (both arms)
 */
public record Nfs3CreateRes(int status, byte[] object, Nfs3Fattr objAttributes, Nfs3WccData dirWcc) {
    public static Nfs3CreateRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        if (status != Nfs3Wire.NFS3_OK) {
            return new Nfs3CreateRes(status, null, null, Nfs3WccData.decode(in)); // dir_wcc
        }
        byte[] object = Nfs3Fh.decodePostOp(in); // obj post_op_fh3
        Nfs3Fattr attrs = Nfs3Fattr.decodePostOp(in); // obj_attributes
        return new Nfs3CreateRes(status, object, attrs, Nfs3WccData.decode(in)); // dir_wcc
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        if (status == Nfs3Wire.NFS3_OK) {
            Nfs3Fh.encodePostOp(o, object); // obj
            Nfs3Fattr.encodePostOp(o, objAttributes); // obj_attributes
        }
        dirWcc.encode(o); // dir_wcc
    }
}
