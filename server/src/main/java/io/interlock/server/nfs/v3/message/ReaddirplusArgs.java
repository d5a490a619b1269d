package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * READDIRPLUS3args (RFC 1813 §3.3.17).
 *
 * @param dir nfs_fh3
 * @param cookie cookie3, 0 to start
 * @param cookieverf cookieverf3 (fixed opaque[8])
 * @param dircount byte budget of the entries' fileid, name and cookie only
 * @param maxcount byte budget of the whole READDIRPLUS3resok
 */
public record ReaddirplusArgs(byte[] dir, long cookie, byte[] cookieverf, long dircount, long maxcount) {
    public static ReaddirplusArgs decode(XdrReader r) {
        return new ReaddirplusArgs(
                NfsFh3.decode(r), // dir nfs_fh3
                r.readLong(), // cookie (8 bytes)
                r.readFixedOpaque(8), // cookieverf (8 bytes)
                r.readUnsignedInt(), // dircount (4 bytes)
                r.readUnsignedInt()); // maxcount (4 bytes)
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, dir); // dir
        w.writeLong(cookie); // cookie
        w.writeFixedOpaque(cookieverf); // cookieverf
        w.writeUnsignedInt(dircount); // dircount
        w.writeUnsignedInt(maxcount); // maxcount
    }
}
