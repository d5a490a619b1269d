package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * COMMIT3res (RFC 1813 §3.3.21): resok {file_wcc, verf writeverf3}; resfail {file_wcc}.
 *
 * @param status nfsstat3
 * @param fileWcc wcc_data (both arms)
 * @param verf writeverf3, equal to WRITE's while nothing was lost (NFS3_OK only)
 */
public record CommitRes(Nfs3Status status, WccData fileWcc, byte[] verf) implements XdrEncodable {
    public static CommitRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        WccData wcc = WccData.decode(r); // file_wcc
        return new CommitRes(s, wcc, s == Nfs3Status.NFS3_OK ? r.readFixedOpaque(8) : null); // verf
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        fileWcc.encode(w); // file_wcc
        if (status == Nfs3Status.NFS3_OK) {
            w.writeFixedOpaque(verf); // verf
        }
    }
}
