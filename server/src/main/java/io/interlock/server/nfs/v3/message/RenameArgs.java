package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * RENAME3args (RFC 1813 §3.3.14).
 *
 * @param from diropargs3 of the source
 * @param to diropargs3 of the target
 */
public record RenameArgs(DirOpArgs3 from, DirOpArgs3 to) {
    public static RenameArgs decode(XdrReader r) {
        return new RenameArgs(DirOpArgs3.decode(r), DirOpArgs3.decode(r)); // from, to
    }

    public void encode(XdrWriter w) {
        from.encode(w); // from
        to.encode(w); // to
    }
}
