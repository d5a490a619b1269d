package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * READDIR3args (RFC 1813 §3.3.16).
 *
 * @param dir nfs_fh3 of the directory
 * @param cookie cookie3 (0 to start)
 * @param cookieverf cookieverf3, 8 bytes (zeros to start)
 * @param count the most bytes of XDR reply the client takes
 */
public record Nfs3ReaddirArgs(byte[] dir, long cookie, byte[] cookieverf, int count) {
    public static Nfs3ReaddirArgs decode(XdrIn in) {
        byte[] dir = Nfs3Fh.decode(in); // dir nfs_fh3
        long cookie = in.hyper(); // cookie (8 bytes)
        byte[] verf = in.fixedOpaque(Nfs3Wire.VERIFIER_SIZE); // cookieverf (8 bytes)
        return new Nfs3ReaddirArgs(dir, cookie, verf, in.int32()); // count (4 bytes)
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, dir); // dir
        o.hyper(cookie); // cookie
        o.fixedOpaque(cookieverf); // cookieverf
        o.int32(count); // count
    }
}
