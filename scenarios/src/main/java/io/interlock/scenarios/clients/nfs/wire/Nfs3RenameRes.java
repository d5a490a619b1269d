package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * RENAME3res (RFC 1813 §3.3.14): {fromdir_wcc, todir_wcc} in both arms.
 *
 * @param status nfsstat3
 * @param fromDirWcc wcc_data of the source directory
 * @param toDirWcc wcc_data of the target directory
 */
public record Nfs3RenameRes(int status, Nfs3WccData fromDirWcc, Nfs3WccData toDirWcc) {
    public static Nfs3RenameRes decode(XdrIn in) {
        // status (4 bytes), fromdir_wcc, todir_wcc
        return new Nfs3RenameRes(in.int32(), Nfs3WccData.decode(in), Nfs3WccData.decode(in));
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        fromDirWcc.encode(o); // fromdir_wcc
        toDirWcc.encode(o); // todir_wcc
    }
}
