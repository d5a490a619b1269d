package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * WRITE3res (RFC 1813 §3.3.7): resok {file_wcc, count, committed, verf writeverf3}; resfail
 * {file_wcc}.
 *
 * @param status nfsstat3
 * @param fileWcc wcc_data (both arms)
 * @param count bytes written (NFS3_OK only)
 * @param committed stable_how actually used, ≥ the one asked (R-NFS-7)
 * @param verf writeverf3, 8 bytes, one per server instance
 */
public record WriteRes(Nfs3Status status, WccData fileWcc, int count, int committed, byte[] verf)
        implements XdrEncodable {
    public static WriteRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        WccData wcc = WccData.decode(r); // file_wcc
        if (s != Nfs3Status.NFS3_OK) {
            return new WriteRes(s, wcc, 0, 0, null);
        }
        // count (4 bytes), committed (4 bytes), verf writeverf3 (8 bytes)
        return new WriteRes(s, wcc, r.readInt(), r.readInt(), r.readFixedOpaque(8));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        fileWcc.encode(w); // file_wcc
        if (status == Nfs3Status.NFS3_OK) {
            w.writeInt(count); // count
            w.writeInt(committed); // committed
            w.writeFixedOpaque(verf); // verf
        }
    }
}
