package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.Fattr3;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * GETATTR3res (RFC 1813 §3.3.1): {@code union switch (nfsstat3 status) { case NFS3_OK: fattr3
 * obj_attributes; default: void; }}.
 *
 * @param status nfsstat3
 * @param objAttributes the attributes on NFS3_OK, else null
 */
public record GetattrRes(Nfs3Status status, Fattr3 objAttributes) implements XdrEncodable {
    public static GetattrRes ok(Fattr3 a) {
        return new GetattrRes(Nfs3Status.NFS3_OK, a);
    }

    public static GetattrRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        return new GetattrRes(s, s == Nfs3Status.NFS3_OK ? Fattr3.decode(r) : null); // obj_attributes
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        if (status == Nfs3Status.NFS3_OK) {
            objAttributes.encode(w); // obj_attributes
        }
    }
}
