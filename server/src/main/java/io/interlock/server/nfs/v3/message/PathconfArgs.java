package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * PATHCONF3args (RFC 1813 §3.3.20).
 *
 * @param object nfs_fh3
 */
public record PathconfArgs(byte[] object) {
    public static PathconfArgs decode(XdrReader r) {
        return new PathconfArgs(NfsFh3.decode(r)); // object nfs_fh3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, object); // object
    }
}
