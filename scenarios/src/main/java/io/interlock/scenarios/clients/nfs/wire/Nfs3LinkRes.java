package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * LINK3res (RFC 1813 §3.3.15): {file_attributes post_op_attr, linkdir_wcc} in both arms.
 *
 * @param status nfsstat3
 * @param fileAttributes post_op_attr of the file (may be null)
 * @param linkDirWcc wcc_data of the directory of the new name
 */
public record Nfs3LinkRes(int status, Nfs3Fattr fileAttributes, Nfs3WccData linkDirWcc) {
    public static Nfs3LinkRes decode(XdrIn in) {
        // status (4 bytes), file_attributes, linkdir_wcc
        return new Nfs3LinkRes(in.int32(), Nfs3Fattr.decodePostOp(in), Nfs3WccData.decode(in));
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        Nfs3Fattr.encodePostOp(o, fileAttributes); // file_attributes
        linkDirWcc.encode(o); // linkdir_wcc
    }
}
