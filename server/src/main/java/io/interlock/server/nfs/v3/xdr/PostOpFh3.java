package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/** post_op_fh3 (RFC 1813 §2.6): {@code union switch (bool handle_follows)} of an nfs_fh3. */
public sealed interface PostOpFh3 {
    /** handle_follows = TRUE. */
    record Present(byte[] handle) implements PostOpFh3 {}

    /** handle_follows = FALSE. */
    record Absent() implements PostOpFh3 {}

    PostOpFh3 ABSENT = new Absent();

    static PostOpFh3 decode(XdrReader r) {
        // handle_follows (4 bytes), then nfs_fh3 opaque<64>
        return r.readBoolean() ? new Present(NfsFh3.decode(r)) : ABSENT;
    }

    default void encode(XdrWriter w) {
        if (this instanceof Present p) {
            w.writeBoolean(true);
            NfsFh3.encode(w, p.handle());
        } else {
            w.writeBoolean(false);
        }
    }
}
