package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.nfs.v3.xdr.Sattr3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * MKDIR3args (RFC 1813 §3.3.9).
 *
 * @param where diropargs3
 * @param attributes sattr3
 */
public record MkdirArgs(DirOpArgs3 where, Sattr3 attributes) {
    public static MkdirArgs decode(XdrReader r) {
        return new MkdirArgs(DirOpArgs3.decode(r), Sattr3.decode(r)); // where, attributes
    }

    public void encode(XdrWriter w) {
        where.encode(w); // where
        attributes.encode(w); // attributes
    }
}
