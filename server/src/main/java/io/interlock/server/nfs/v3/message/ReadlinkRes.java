package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * READLINK3res (RFC 1813 §3.3.5): resok {symlink_attributes, data nfspath3}; resfail
 * {symlink_attributes}.
 *
 * @param status nfsstat3
 * @param symlinkAttributes post_op_attr (both arms)
 * @param data the link text on NFS3_OK, else null
 */
public record ReadlinkRes(Nfs3Status status, PostOpAttr symlinkAttributes, String data) implements XdrEncodable {
    public static ReadlinkRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // symlink_attributes
        return new ReadlinkRes(s, a, s == Nfs3Status.NFS3_OK ? r.readString(NfsFh3.MAX_NAME_WIRE) : null);
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        symlinkAttributes.encode(w); // symlink_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeString(data); // data nfspath3
        }
    }
}
