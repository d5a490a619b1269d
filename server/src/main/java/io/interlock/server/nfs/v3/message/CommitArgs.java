package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * COMMIT3args (RFC 1813 §3.3.21).
 *
 * @param file nfs_fh3
 * @param offset offset3 where the range starts
 * @param count count3; 0 means to the end of the file
 */
public record CommitArgs(byte[] file, long offset, long count) {
    public static CommitArgs decode(XdrReader r) {
        return new CommitArgs(
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
