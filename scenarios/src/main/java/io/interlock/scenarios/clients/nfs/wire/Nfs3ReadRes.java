package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * READ3res (RFC 1813 §3.3.6): resok {file_attributes, count, eof, data opaque&lt;&gt;}; resfail
 * {file_attributes}.
 *
 * @param status nfsstat3
 * @param fileAttributes post_op_attr (both arms, may be null)
 * @param count bytes read (NFS3_OK)
 * @param eof the read reached the end of the file (NFS3_OK)
 * @param data the bytes (NFS3_OK), else null
 */
public record Nfs3ReadRes(int status, Nfs3Fattr fileAttributes, int count, boolean eof, byte[] data) {
    public static Nfs3ReadRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        Nfs3Fattr attrs = Nfs3Fattr.decodePostOp(in); // file_attributes
        if (status != Nfs3Wire.NFS3_OK) {
            return new Nfs3ReadRes(status, attrs, 0, false, null);
        }
        int count = in.int32(); // count (4 bytes)
        boolean eof = in.bool(); // eof (4 bytes)
        return new Nfs3ReadRes(status, attrs, count, eof, in.opaque(Integer.MAX_VALUE)); // data opaque<>
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        Nfs3Fattr.encodePostOp(o, fileAttributes); // file_attributes
        if (status == Nfs3Wire.NFS3_OK) {
            o.int32(count); // count
            o.bool(eof); // eof
            o.opaque(data); // data
        }
    }
}
