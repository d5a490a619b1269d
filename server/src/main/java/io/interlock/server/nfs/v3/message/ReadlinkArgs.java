package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * READLINK3args (RFC 1813 §3.3.5).
 *
 * @param symlink nfs_fh3
 */
public record ReadlinkArgs(byte[] symlink) {
    public static ReadlinkArgs decode(XdrReader r) {
        return new ReadlinkArgs(NfsFh3.decode(r)); // symlink nfs_fh3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, symlink); // symlink
    }
}
