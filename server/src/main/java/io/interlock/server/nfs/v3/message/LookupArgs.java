package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * LOOKUP3args (RFC 1813 §3.3.3).
 *
 * @param what diropargs3
 */
public record LookupArgs(DirOpArgs3 what) {
    public static LookupArgs decode(XdrReader r) {
        return new LookupArgs(DirOpArgs3.decode(r)); // what diropargs3
    }

    public void encode(XdrWriter w) {
        what.encode(w); // what
    }
}
