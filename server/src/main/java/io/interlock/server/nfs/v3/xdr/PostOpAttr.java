package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/** post_op_attr (RFC 1813 §2.6): {@code union switch (bool attributes_follow)}. */
public sealed interface PostOpAttr extends XdrEncodable {
    /** attributes_follow = TRUE. */
    record Present(Fattr3 attributes) implements PostOpAttr {}

    /** attributes_follow = FALSE. */
    record Absent() implements PostOpAttr {}

    PostOpAttr ABSENT = new Absent();

    /** Present when {@code a} is not null. */
    static PostOpAttr of(FileAttributes a, int fsid) {
        return a == null ? ABSENT : new Present(Fattr3.of(a, fsid));
    }

    static PostOpAttr decode(XdrReader r) {
        // attributes_follow (4 bytes), then fattr3 (84 bytes) when TRUE
        return r.readBoolean() ? new Present(Fattr3.decode(r)) : ABSENT;
    }

    @Override
    default void encode(XdrWriter w) {
        if (this instanceof Present p) {
            w.writeBoolean(true);
            p.attributes().encode(w);
        } else {
            w.writeBoolean(false);
        }
    }
}
