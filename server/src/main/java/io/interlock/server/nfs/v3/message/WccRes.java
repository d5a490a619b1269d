package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * The results that are a status and one wcc_data in both arms: SETATTR3res {obj_wcc} (RFC 1813
 * §3.3.2), REMOVE3res {dir_wcc} (§3.3.12) and RMDIR3res {dir_wcc} (§3.3.13).
 *
 * @param status nfsstat3
 * @param wcc obj_wcc / dir_wcc, present in resok and resfail alike
 */
public record WccRes(Nfs3Status status, WccData wcc) implements XdrEncodable {
    public static WccRes ok(WccData wcc) {
        return new WccRes(Nfs3Status.NFS3_OK, wcc);
    }

    public static WccRes decode(XdrReader r) {
        // status (4 bytes), wcc_data
        return new WccRes(Nfs3Status.of(r.readInt()), WccData.decode(r));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        wcc.encode(w); // obj_wcc / dir_wcc
    }
}
