package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * READDIR3args (RFC 1813 §3.3.16).
 *
 * @param dir nfs_fh3
 * @param cookie cookie3, 0 to start
 * @param cookieverf cookieverf3 (fixed opaque[8])
 * @param count byte budget of the whole READDIR3resok
 */
public record ReaddirArgs(byte[] dir, long cookie, byte[] cookieverf, long count) {
    public static ReaddirArgs decode(XdrReader r) {
        return new ReaddirArgs(
                NfsFh3.decode(r), // dir nfs_fh3
                r.readLong(), // cookie (8 bytes)
                r.readFixedOpaque(8), // cookieverf (8 bytes)
                r.readUnsignedInt()); // count (4 bytes)
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, dir); // dir
        w.writeLong(cookie); // cookie
        w.writeFixedOpaque(cookieverf); // cookieverf
        w.writeUnsignedInt(count); // count
    }
}
