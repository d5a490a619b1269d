package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.nfs.v3.xdr.MknodData3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * MKNOD3args (RFC 1813 §3.3.11).
 *
 * @param where diropargs3
 * @param what mknoddata3
 */
public record MknodArgs(DirOpArgs3 where, MknodData3 what) {
    public static MknodArgs decode(XdrReader r) {
        return new MknodArgs(DirOpArgs3.decode(r), MknodData3.decode(r)); // where, what
    }

    public void encode(XdrWriter w) {
        where.encode(w); // where
        what.encode(w); // what
    }
}
