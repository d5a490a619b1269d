package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * WRITE3args (RFC 1813 §3.3.7).
 *
 * @param file nfs_fh3
 * @param offset offset3 (uint64)
 * @param count count3: bytes to write (equals data.length)
 * @param stable stable_how
 * @param data the bytes
 */
public record Nfs3WriteArgs(byte[] file, long offset, int count, Nfs3StableHow stable, byte[] data) {
    public static Nfs3WriteArgs decode(XdrIn in) {
        byte[] file = Nfs3Fh.decode(in); // file nfs_fh3
        long offset = in.hyper(); // offset (8 bytes)
        int count = in.int32(); // count (4 bytes)
        Nfs3StableHow stable = Nfs3StableHow.of(in.int32()); // stable (4 bytes)
        return new Nfs3WriteArgs(file, offset, count, stable, in.opaque(Integer.MAX_VALUE)); // data opaque<>
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, file); // file
        o.hyper(offset); // offset
        o.int32(count); // count
        o.int32(stable.value()); // stable
        o.opaque(data); // data
    }
}
