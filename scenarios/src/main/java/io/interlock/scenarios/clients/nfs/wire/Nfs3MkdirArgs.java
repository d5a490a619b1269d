package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * MKDIR3args (RFC 1813 §3.3.9); the result is a {@link Nfs3CreateRes}.
 *
 * @param where diropargs3 of the new directory
 * @param attributes sattr3
 */
public record Nfs3MkdirArgs(Nfs3DirOpArgs where, Nfs3Sattr attributes) {
    public static Nfs3MkdirArgs decode(XdrIn in) {
        return new Nfs3MkdirArgs(Nfs3DirOpArgs.decode(in), Nfs3Sattr.decode(in)); // where, attributes
    }

    public void encode(XdrOut o) {
        where.encode(o); // where
        attributes.encode(o); // attributes
    }
}
