package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * LINK3res (RFC 1813 §3.3.15): {file_attributes, linkdir_wcc} in both arms.
 *
 * @param status nfsstat3
 * @param fileAttributes post_op_attr of the file
 * @param linkdirWcc wcc_data of the directory
 */
public record LinkRes(Nfs3Status status, PostOpAttr fileAttributes, WccData linkdirWcc) implements XdrEncodable {
    public static LinkRes decode(XdrReader r) {
        // status (4 bytes), file_attributes, linkdir_wcc
        return new LinkRes(Nfs3Status.of(r.readInt()), PostOpAttr.decode(r), WccData.decode(r));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        fileAttributes.encode(w); // file_attributes
        linkdirWcc.encode(w); // linkdir_wcc
    }
}
