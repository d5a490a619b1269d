package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * PATHCONF3res (RFC 1813 §3.3.20): resok {obj_attributes, linkmax, name_max, no_trunc,
 * chown_restricted, case_insensitive, case_preserving}; resfail {obj_attributes}.
 *
 * @param status nfsstat3
 * @param objAttributes post_op_attr (both arms)
 * @param linkmax most hard links
 * @param nameMax longest name in bytes (R-NFS-12: 255)
 * @param noTrunc longer names are refused, not truncated
 * @param chownRestricted only root may chown
 * @param caseInsensitive names compare case-insensitively
 * @param casePreserving names keep their case
 */
public record PathconfRes(
        Nfs3Status status,
        PostOpAttr objAttributes,
        int linkmax,
        int nameMax,
        boolean noTrunc,
        boolean chownRestricted,
        boolean caseInsensitive,
        boolean casePreserving)
        implements XdrEncodable {
    public static PathconfRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // obj_attributes
        if (s != Nfs3Status.NFS3_OK) {
            return new PathconfRes(s, a, 0, 0, false, false, false, false);
        }
        // linkmax, name_max (4 bytes each), then four bools (4 bytes each)
        return new PathconfRes(
                s, a, r.readInt(), r.readInt(), r.readBoolean(), r.readBoolean(), r.readBoolean(), r.readBoolean());
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        objAttributes.encode(w); // obj_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeInt(linkmax).writeInt(nameMax); // linkmax, name_max
            w.writeBoolean(noTrunc).writeBoolean(chownRestricted); // no_trunc, chown_restricted
            w.writeBoolean(caseInsensitive).writeBoolean(casePreserving); // case_insensitive, case_preserving
        }
    }
}
