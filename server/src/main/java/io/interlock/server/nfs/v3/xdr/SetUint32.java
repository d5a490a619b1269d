package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * set_mode3, set_uid3 and set_gid3 (RFC 1813 §2.5.3): three unions with one layout, {@code union
 * switch (bool set_it) { case TRUE: uint32 value; }}.
 */
public sealed interface SetUint32 {
    /** set_it = TRUE. */
    record Set(int value) implements SetUint32 {}

    /** set_it = FALSE. */
    record DontSet() implements SetUint32 {}

    SetUint32 DONT_SET = new DontSet();

    static SetUint32 of(Integer v) {
        return v == null ? DONT_SET : new Set(v);
    }

    /** The value, or null when not set. */
    default Integer valueOrNull() {
        return this instanceof Set s ? s.value() : null;
    }

    static SetUint32 decode(XdrReader r) {
        // set_it (4 bytes), then the uint32 (4 bytes) when TRUE
        return r.readBoolean() ? new Set(r.readInt()) : DONT_SET;
    }

    default void encode(XdrWriter w) {
        if (this instanceof Set s) {
            w.writeBoolean(true).writeInt(s.value());
        } else {
            w.writeBoolean(false);
        }
    }
}
