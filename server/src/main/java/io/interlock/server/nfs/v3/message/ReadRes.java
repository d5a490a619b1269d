package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * READ3res (RFC 1813 §3.3.6): resok {file_attributes, count, eof, data opaque<>}; resfail
 * {file_attributes}.
 *
 * @param status nfsstat3
 * @param fileAttributes post_op_attr (both arms)
 * @param eof TRUE when the read reached the end of file (NFS3_OK only)
 * @param data the bytes read (NFS3_OK only; its length is the count field)
 */
public record ReadRes(Nfs3Status status, PostOpAttr fileAttributes, boolean eof, byte[] data) implements XdrEncodable {
    public static ReadRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // file_attributes
        if (s != Nfs3Status.NFS3_OK) {
            return new ReadRes(s, a, false, null);
        }
        r.readInt(); // count (4 bytes): repeats the data length
        boolean eof = r.readBoolean(); // eof (4 bytes)
        return new ReadRes(s, a, eof, r.readOpaque(Integer.MAX_VALUE)); // data opaque<>
    }

    /** Exact: status, post_op_attr, and for NFS3_OK count, eof and the padded data opaque. */
    @Override
    public int encodedSize() {
        int attrs = fileAttributes instanceof PostOpAttr.Present ? 4 + FATTR3 : 4;
        return 4 + attrs + (status == Nfs3Status.NFS3_OK ? 12 + ((data.length + 3) & ~3) : 0);
    }

    /** fattr3 (RFC 1813 §2.6): 21 words. */
    private static final int FATTR3 = 84;

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        fileAttributes.encode(w); // file_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeInt(data.length); // count
            w.writeBoolean(eof); // eof
            w.writeOpaque(data); // data
        }
    }
}
