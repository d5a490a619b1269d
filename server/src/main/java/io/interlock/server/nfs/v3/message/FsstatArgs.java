package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * FSSTAT3args (RFC 1813 §3.3.18).
 *
 * @param fsroot nfs_fh3
 */
public record FsstatArgs(byte[] fsroot) {
    public static FsstatArgs decode(XdrReader r) {
        return new FsstatArgs(NfsFh3.decode(r)); // fsroot nfs_fh3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, fsroot); // fsroot
    }
}
