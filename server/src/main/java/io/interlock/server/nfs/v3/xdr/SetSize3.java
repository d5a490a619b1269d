package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/** set_size3 (RFC 1813 §2.5.3): {@code union switch (bool set_it) { case TRUE: size3 size; }}. */
public sealed interface SetSize3 {
    /** set_it = TRUE. */
    record Set(long size) implements SetSize3 {}

    /** set_it = FALSE. */
    record DontSet() implements SetSize3 {}

    SetSize3 DONT_SET = new DontSet();

    static SetSize3 of(Long v) {
        return v == null ? DONT_SET : new Set(v);
    }

    default Long valueOrNull() {
        return this instanceof Set s ? s.size() : null;
    }

    static SetSize3 decode(XdrReader r) {
        // set_it (4 bytes), then size3 (8 bytes) when TRUE
        return r.readBoolean() ? new Set(r.readLong()) : DONT_SET;
    }

    default void encode(XdrWriter w) {
        if (this instanceof Set s) {
            w.writeBoolean(true).writeLong(s.size());
        } else {
            w.writeBoolean(false);
        }
    }
}
