package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * wcc_data (RFC 1813 §2.6): weak cache consistency data of a modifying procedure. {@code before}
 * must be captured before the change, {@code after} after it (spec R-NFS-4).
 *
 * @param before pre_op_attr
 * @param after post_op_attr
 */
public record WccData(PreOpAttr before, PostOpAttr after) implements XdrEncodable {
    public static final WccData NONE = new WccData(PreOpAttr.ABSENT, PostOpAttr.ABSENT);

    public static WccData of(FileAttributes before, FileAttributes after, int fsid) {
        return new WccData(PreOpAttr.of(before), PostOpAttr.of(after, fsid));
    }

    public static WccData decode(XdrReader r) {
        // before pre_op_attr, after post_op_attr
        return new WccData(PreOpAttr.decode(r), PostOpAttr.decode(r));
    }

    @Override
    public void encode(XdrWriter w) {
        before.encode(w); // before
        after.encode(w); // after
    }
}
