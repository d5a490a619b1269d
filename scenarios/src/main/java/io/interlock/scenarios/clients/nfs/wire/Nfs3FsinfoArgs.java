package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * FSINFO3args (RFC 1813 §3.3.19).
 *
 * @param fsroot nfs_fh3 of the file system root
 */
public record Nfs3FsinfoArgs(byte[] fsroot) {
    public static Nfs3FsinfoArgs decode(XdrIn in) {
        return new Nfs3FsinfoArgs(Nfs3Fh.decode(in)); // fsroot nfs_fh3
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, fsroot); // fsroot
    }
}
