package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.nio.charset.StandardCharsets;

/**
 * diropargs3 (RFC 1813 §2.6): a directory and a name in it.
 *
 * @param dir nfs_fh3 of the directory
 * @param name filename3, raw bytes as received
 */
public record DirOpArgs3(byte[] dir, byte[] name) {
    public static DirOpArgs3 of(byte[] dir, String name) {
        return new DirOpArgs3(dir, name.getBytes(StandardCharsets.UTF_8));
    }

    public static DirOpArgs3 decode(XdrReader r) {
        // dir nfs_fh3 opaque<64>, name filename3 string<>
        return new DirOpArgs3(NfsFh3.decode(r), NfsFh3.decodeName(r));
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, dir); // dir
        w.writeOpaque(name); // name
    }

    public String nameString() {
        return NfsFh3.name(name);
    }
}
