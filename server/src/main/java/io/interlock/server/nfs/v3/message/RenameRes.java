package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * RENAME3res (RFC 1813 §3.3.14): {fromdir_wcc, todir_wcc} in both arms.
 *
 * @param status nfsstat3
 * @param fromdirWcc wcc_data of the source directory
 * @param todirWcc wcc_data of the target directory
 */
public record RenameRes(Nfs3Status status, WccData fromdirWcc, WccData todirWcc) implements XdrEncodable {
    public static RenameRes decode(XdrReader r) {
        // status (4 bytes), fromdir_wcc, todir_wcc
        return new RenameRes(Nfs3Status.of(r.readInt()), WccData.decode(r), WccData.decode(r));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        fromdirWcc.encode(w); // fromdir_wcc
        todirWcc.encode(w); // todir_wcc
    }
}
