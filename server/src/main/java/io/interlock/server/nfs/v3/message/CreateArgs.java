package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.CreateHow3;
import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * CREATE3args (RFC 1813 §3.3.8).
 *
 * @param where diropargs3
 * @param how createhow3
 */
public record CreateArgs(DirOpArgs3 where, CreateHow3 how) {
    public static CreateArgs decode(XdrReader r) {
        return new CreateArgs(DirOpArgs3.decode(r), CreateHow3.decode(r)); // where, how
    }

    public void encode(XdrWriter w) {
        where.encode(w); // where
        how.encode(w); // how
    }
}
