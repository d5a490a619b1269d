package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.xdr.Sattr3;
import io.interlock.server.rpc.XdrWriter;

/**
 * Conveniences for clients and tests that build NFSv3 arguments by hand; the wire types
 * themselves are the records of {@code io.interlock.server.nfs.v3.xdr}.
 */
public final class Nfs3Xdr {
    private Nfs3Xdr() {}

    /** Writes the sattr3 that asks for {@code s} (RFC 1813 §2.5.3; times as SET_TO_CLIENT_TIME). */
    public static void writeSattr3(XdrWriter w, SetAttributes s) {
        Sattr3.of(s).encode(w);
    }
}
