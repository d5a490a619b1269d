package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * WRITE3args (RFC 1813 §3.3.7). The payload is not copied: it stays in the request record, at
 * {@code dataOffset} in {@code buffer}.
 *
 * @param file nfs_fh3
 * @param offset offset3 (uint64; a negative long is an offset ≥ 2^63)
 * @param count count3: bytes to write (uint32, widened)
 * @param stable stable_how: UNSTABLE 0, DATA_SYNC 1, FILE_SYNC 2
 * @param buffer the array that holds the data opaque
 * @param dataOffset where the data starts in {@code buffer}
 * @param dataLength the data opaque's length
 */
public record WriteArgs(
        byte[] file, long offset, long count, int stable, byte[] buffer, int dataOffset, int dataLength) {
    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    public static WriteArgs of(byte[] file, long offset, int stable, byte[] data) {
        return new WriteArgs(file, offset, data.length, stable, data, 0, data.length);
    }

    public static WriteArgs decode(XdrReader r) {
        byte[] fh = NfsFh3.decode(r); // file nfs_fh3
        long offset = r.readLong(); // offset (8 bytes)
        long count = r.readUnsignedInt(); // count (4 bytes)
        int stable = r.readInt(); // stable stable_how (4 bytes)
        if (stable < UNSTABLE || stable > FILE_SYNC) {
            throw new XdrException("stable_how " + stable);
        }
        int[] len = new int[1];
        int at = r.readOpaqueInPlace(Integer.MAX_VALUE, len); // data opaque<>
        return new WriteArgs(fh, offset, count, stable, r.array(), at, len[0]);
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, file); // file
        w.writeLong(offset); // offset
        w.writeUnsignedInt(count); // count
        w.writeInt(stable); // stable
        w.writeOpaque(buffer, dataOffset, dataLength); // data
    }
}
