package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * sattrguard3 (RFC 1813 §3.3.2): {@code union switch (bool check) { case TRUE: nfstime3
 * obj_ctime; }}. A guard whose ctime differs from the object's → NFS3ERR_NOT_SYNC (R-NFS-14).
 */
public sealed interface SattrGuard3 {
    /** check = TRUE. */
    record Check(Nfstime3 objCtime) implements SattrGuard3 {}

    /** check = FALSE. */
    record NoCheck() implements SattrGuard3 {}

    SattrGuard3 NO_CHECK = new NoCheck();

    static SattrGuard3 decode(XdrReader r) {
        // check (4 bytes), then obj_ctime nfstime3 (8 bytes) when TRUE
        return r.readBoolean() ? new Check(Nfstime3.decode(r)) : NO_CHECK;
    }

    default void encode(XdrWriter w) {
        if (this instanceof Check c) {
            w.writeBoolean(true);
            c.objCtime().encode(w);
        } else {
            w.writeBoolean(false);
        }
    }
}
