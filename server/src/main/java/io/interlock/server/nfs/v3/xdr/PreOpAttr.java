package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/** pre_op_attr (RFC 1813 §2.6): {@code union switch (bool attributes_follow)} of a wcc_attr. */
public sealed interface PreOpAttr {
    /** attributes_follow = TRUE. */
    record Present(WccAttr attributes) implements PreOpAttr {}

    /** attributes_follow = FALSE. */
    record Absent() implements PreOpAttr {}

    PreOpAttr ABSENT = new Absent();

    static PreOpAttr of(FileAttributes a) {
        return a == null ? ABSENT : new Present(WccAttr.of(a));
    }

    static PreOpAttr decode(XdrReader r) {
        // attributes_follow (4 bytes), then wcc_attr (24 bytes) when TRUE
        return r.readBoolean() ? new Present(WccAttr.decode(r)) : ABSENT;
    }

    default void encode(XdrWriter w) {
        if (this instanceof Present p) {
            w.writeBoolean(true);
            p.attributes().encode(w);
        } else {
            w.writeBoolean(false);
        }
    }
}
