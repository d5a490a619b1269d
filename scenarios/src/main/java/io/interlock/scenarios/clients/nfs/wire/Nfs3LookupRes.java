package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * LOOKUP3res (RFC 1813 §3.3.3): resok {object, obj_attributes, dir_attributes}; resfail
 * {dir_attributes}. (LOOKUP3args is a {@link Nfs3DirOpArgs}.)
 *
 * @param status nfsstat3
 * @param object nfs_fh3 on NFS3_OK, else null
 * @param objAttributes post_op_attr on NFS3_OK (may be null)
 * @param dirAttributes post_op_attr in both arms (may be null)
 */
public record Nfs3LookupRes(int status, byte[] object, Nfs3Fattr objAttributes, Nfs3Fattr dirAttributes) {
    public static Nfs3LookupRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        if (status != Nfs3Wire.NFS3_OK) {
            return new Nfs3LookupRes(status, null, null, Nfs3Fattr.decodePostOp(in)); // dir_attributes
        }
        byte[] object = Nfs3Fh.decode(in); // object nfs_fh3
        Nfs3Fattr obj = Nfs3Fattr.decodePostOp(in); // obj_attributes
        return new Nfs3LookupRes(status, object, obj, Nfs3Fattr.decodePostOp(in)); // dir_attributes
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        if (status == Nfs3Wire.NFS3_OK) {
            Nfs3Fh.encode(o, object); // object
            Nfs3Fattr.encodePostOp(o, objAttributes); // obj_attributes
        }
        Nfs3Fattr.encodePostOp(o, dirAttributes); // dir_attributes
    }
}
