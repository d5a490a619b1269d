package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * GETATTR3res (RFC 1813 §3.3.1): resok {obj_attributes fattr3}; resfail is empty.
 *
 * @param status nfsstat3
 * @param attributes fattr3 on NFS3_OK, else null
 */
public record Nfs3GetattrRes(int status, Nfs3Fattr attributes) {
    public static Nfs3GetattrRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        return new Nfs3GetattrRes(status, status == Nfs3Wire.NFS3_OK ? Nfs3Fattr.decode(in) : null);
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        if (status == Nfs3Wire.NFS3_OK) {
            attributes.encode(o); // obj_attributes
        }
    }
}
