package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * RENAME3args (RFC 1813 §3.3.14).
 *
 * @param from diropargs3 of the source
 * @param to diropargs3 of the target
 */
public record Nfs3RenameArgs(Nfs3DirOpArgs from, Nfs3DirOpArgs to) {
    public static Nfs3RenameArgs decode(XdrIn in) {
        return new Nfs3RenameArgs(Nfs3DirOpArgs.decode(in), Nfs3DirOpArgs.decode(in)); // from, to
    }

    public void encode(XdrOut o) {
        from.encode(o); // from
        to.encode(o); // to
    }
}
