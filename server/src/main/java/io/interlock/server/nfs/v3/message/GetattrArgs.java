package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * GETATTR3args (RFC 1813 §3.3.1).
 *
 * @param object nfs_fh3 of the object
 */
public record GetattrArgs(byte[] object) {
    public static GetattrArgs decode(XdrReader r) {
        return new GetattrArgs(NfsFh3.decode(r)); // object nfs_fh3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, object); // object
    }
}
