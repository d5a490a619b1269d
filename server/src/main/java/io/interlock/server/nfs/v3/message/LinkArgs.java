package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * LINK3args (RFC 1813 §3.3.15).
 *
 * @param file nfs_fh3 of the existing file
 * @param link diropargs3 of the new name
 */
public record LinkArgs(byte[] file, DirOpArgs3 link) {
    public static LinkArgs decode(XdrReader r) {
        return new LinkArgs(NfsFh3.decode(r), DirOpArgs3.decode(r)); // file nfs_fh3, link diropargs3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, file); // file
        link.encode(w); // link
    }
}
