package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * CREATE3args (RFC 1813 §3.3.8).
 *
 * @param where diropargs3 of the new file
 * @param how createhow3
 */
public record Nfs3CreateArgs(Nfs3DirOpArgs where, Nfs3CreateHow how) {
    public static Nfs3CreateArgs decode(XdrIn in) {
        return new Nfs3CreateArgs(Nfs3DirOpArgs.decode(in), Nfs3CreateHow.decode(in)); // where, how
    }

    public void encode(XdrOut o) {
        where.encode(o); // where
        how.encode(o); // how
    }
}
