package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * REMOVE3args (RFC 1813 §3.3.12).
 *
 * @param object diropargs3 of the entry to remove
 */
public record RemoveArgs(DirOpArgs3 object) {
    public static RemoveArgs decode(XdrReader r) {
        return new RemoveArgs(DirOpArgs3.decode(r)); // object diropargs3
    }

    public void encode(XdrWriter w) {
        object.encode(w); // object
    }
}
