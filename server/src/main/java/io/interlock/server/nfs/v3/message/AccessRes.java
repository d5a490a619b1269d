package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * ACCESS3res (RFC 1813 §3.3.4): resok {obj_attributes, access}; resfail {obj_attributes}.
 *
 * @param status nfsstat3
 * @param objAttributes post_op_attr (both arms)
 * @param access granted bits, a subset of those asked (NFS3_OK only)
 */
public record AccessRes(Nfs3Status status, PostOpAttr objAttributes, int access) implements XdrEncodable {
    public static AccessRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // obj_attributes
        return new AccessRes(s, a, s == Nfs3Status.NFS3_OK ? r.readInt() : 0); // access (4 bytes)
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        objAttributes.encode(w); // obj_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeInt(access); // access
        }
    }
}
