package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.time.Instant;

/**
 * sattr3 (RFC 1813 §2.5.3): the attributes a client asks to set.
 *
 * @param mode set_mode3
 * @param uid set_uid3
 * @param gid set_gid3
 * @param size set_size3
 * @param atime set_atime
 * @param mtime set_mtime
 */
public record Sattr3(SetUint32 mode, SetUint32 uid, SetUint32 gid, SetSize3 size, TimeHow atime, TimeHow mtime) {
    public static final Sattr3 NONE = new Sattr3(
            SetUint32.DONT_SET,
            SetUint32.DONT_SET,
            SetUint32.DONT_SET,
            SetSize3.DONT_SET,
            TimeHow.DONT_CHANGE,
            TimeHow.DONT_CHANGE);

    /** The sattr3 that asks for {@code s} (client times for set times). */
    public static Sattr3 of(SetAttributes s) {
        return new Sattr3(
                SetUint32.of(s.mode()),
                SetUint32.of(s.uid()),
                SetUint32.of(s.gid()),
                SetSize3.of(s.size()),
                TimeHow.of(s.atime()),
                TimeHow.of(s.mtime()));
    }

    /** The store's change set; SET_TO_SERVER_TIME resolves to {@code now}. */
    public SetAttributes toSetAttributes(Instant now) {
        Integer m = mode.valueOrNull();
        return new SetAttributes(
                m == null ? null : m & 07777,
                uid.valueOrNull(),
                gid.valueOrNull(),
                size.valueOrNull(),
                atime.resolve(now),
                mtime.resolve(now),
                null,
                null);
    }

    public static Sattr3 decode(XdrReader r) {
        return new Sattr3(
                SetUint32.decode(r), // mode set_mode3
                SetUint32.decode(r), // uid set_uid3
                SetUint32.decode(r), // gid set_gid3
                SetSize3.decode(r), // size set_size3
                TimeHow.decode(r), // atime set_atime
                TimeHow.decode(r)); // mtime set_mtime
    }

    public void encode(XdrWriter w) {
        mode.encode(w); // mode
        uid.encode(w); // uid
        gid.encode(w); // gid
        size.encode(w); // size
        atime.encode(w); // atime
        mtime.encode(w); // mtime
    }
}
