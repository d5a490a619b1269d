package io.interlock.server.nfs.v3.message;

import io.interlock.server.core.io.PayloadBuffer;
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
 * @param data the bytes read (NFS3_OK only; its length is the count field), or null when they are in
 *     {@code buffer}
 * @param buffer the bytes read as a payload ({@link XdrEncodable#payload}: the server's READ reads
 *     into a transport buffer, sent without a copy), or null
 * @param count with {@code buffer}: how many of its bytes were read
 */
public record ReadRes(
        Nfs3Status status, PostOpAttr fileAttributes, boolean eof, byte[] data, PayloadBuffer buffer, int count)
        implements XdrEncodable {
    public ReadRes(Nfs3Status status, PostOpAttr fileAttributes, boolean eof, byte[] data) {
        this(status, fileAttributes, eof, data, null, data == null ? 0 : data.length);
    }

    /** NFS3_OK with the data in {@code buffer}'s first {@code count} bytes. */
    public static ReadRes ofPayload(PostOpAttr fileAttributes, boolean eof, PayloadBuffer buffer, int count) {
        return new ReadRes(Nfs3Status.NFS3_OK, fileAttributes, eof, null, buffer, count);
    }

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

    /**
     * Exact: status, post_op_attr, and for NFS3_OK count, eof and the data opaque (with a payload only
     * its length word: the payload follows).
     */
    @Override
    public int encodedSize() {
        int attrs = fileAttributes instanceof PostOpAttr.Present ? 4 + FATTR3 : 4;
        if (status != Nfs3Status.NFS3_OK) {
            return 4 + attrs;
        }
        return 4 + attrs + 12 + (buffer != null ? 0 : (data.length + 3) & ~3);
    }

    @Override
    public PayloadBuffer payload() {
        return status == Nfs3Status.NFS3_OK ? buffer : null;
    }

    @Override
    public int payloadLength() {
        return payload() == null ? 0 : count;
    }

    /** fattr3 (RFC 1813 §2.6): 21 words. */
    private static final int FATTR3 = 84;

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        fileAttributes.encode(w); // file_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeInt(count); // count
            w.writeBoolean(eof); // eof
            if (buffer != null) {
                w.writeInt(count); // data: the opaque's length; its bytes are the payload
            } else {
                w.writeOpaque(data); // data
            }
        }
    }
}
