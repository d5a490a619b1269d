package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * READ3args (RFC 1813 §3.3.6).
 *
 * @param file nfs_fh3
 * @param offset offset3 (uint64)
 * @param count count3 (uint32, below 2^31 here)
 */
public record Nfs3ReadArgs(byte[] file, long offset, int count) {
    public static Nfs3ReadArgs decode(XdrIn in) {
        return new Nfs3ReadArgs(Nfs3Fh.decode(in), in.hyper(), in.int32()); // file, offset (8), count (4)
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, file); // file
        o.hyper(offset); // offset
        o.int32(count); // count
    }
}
