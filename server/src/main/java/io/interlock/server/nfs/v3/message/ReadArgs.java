package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * READ3args (RFC 1813 §3.3.6).
 *
 * @param file nfs_fh3
 * @param offset offset3 (uint64; a negative long is an offset ≥ 2^63)
 * @param count count3 (uint32, widened)
 */
public record ReadArgs(byte[] file, long offset, long count) {
    public static ReadArgs decode(XdrReader r) {
        return new ReadArgs(
                NfsFh3.decode(r), // file nfs_fh3
                r.readLong(), // offset (8 bytes)
                r.readUnsignedInt()); // count (4 bytes)
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, file); // file
        w.writeLong(offset); // offset
        w.writeUnsignedInt(count); // count
    }
}
