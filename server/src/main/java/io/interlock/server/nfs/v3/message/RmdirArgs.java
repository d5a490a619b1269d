package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * RMDIR3args (RFC 1813 §3.3.13).
 *
 * @param object diropargs3 of the directory to remove
 */
public record RmdirArgs(DirOpArgs3 object) {
    public static RmdirArgs decode(XdrReader r) {
        return new RmdirArgs(DirOpArgs3.decode(r)); // object diropargs3
    }

    public void encode(XdrWriter w) {
        object.encode(w); // object
    }
}
