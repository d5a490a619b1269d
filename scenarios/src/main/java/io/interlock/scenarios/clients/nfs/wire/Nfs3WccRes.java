package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * The results that are a status and one wcc_data in both arms: SETATTR3res {obj_wcc} (RFC 1813
 * §3.3.2), REMOVE3res {dir_wcc} (§3.3.12) and RMDIR3res {dir_wcc} (§3.3.13).
 *
 * @param status nfsstat3
 * @param wcc obj_wcc / dir_wcc
 */
public record Nfs3WccRes(int status, Nfs3WccData wcc) {
    public static Nfs3WccRes decode(XdrIn in) {
        return new Nfs3WccRes(in.int32(), Nfs3WccData.decode(in)); // status (4 bytes), wcc_data
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        wcc.encode(o); // obj_wcc / dir_wcc
    }
}
