package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * FSINFO3args (RFC 1813 §3.3.19).
 *
 * @param fsroot nfs_fh3
 */
public record FsinfoArgs(byte[] fsroot) {
    public static FsinfoArgs decode(XdrReader r) {
        return new FsinfoArgs(NfsFh3.decode(r)); // fsroot nfs_fh3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, fsroot); // fsroot
    }
}
