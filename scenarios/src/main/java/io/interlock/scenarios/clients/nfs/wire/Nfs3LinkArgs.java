package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * LINK3args (RFC 1813 §3.3.15).
 *
 * @param file nfs_fh3 of the existing file
 * @param link diropargs3 of the new name
 */
public record Nfs3LinkArgs(byte[] file, Nfs3DirOpArgs link) {
    public static Nfs3LinkArgs decode(XdrIn in) {
        return new Nfs3LinkArgs(Nfs3Fh.decode(in), Nfs3DirOpArgs.decode(in)); // file, link
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, file); // file
        link.encode(o); // link
    }
}
