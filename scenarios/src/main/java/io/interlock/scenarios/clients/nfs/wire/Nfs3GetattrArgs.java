package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * GETATTR3args (RFC 1813 §3.3.1).
 *
 * @param object nfs_fh3
 */
public record Nfs3GetattrArgs(byte[] object) {
    public static Nfs3GetattrArgs decode(XdrIn in) {
        return new Nfs3GetattrArgs(Nfs3Fh.decode(in)); // object nfs_fh3
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, object); // object
    }
}
