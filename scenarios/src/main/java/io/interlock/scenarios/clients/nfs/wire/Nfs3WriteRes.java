package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * WRITE3res (RFC 1813 §3.3.7): resok {file_wcc, count, committed, verf}; resfail {file_wcc}.
 *
 * @param status nfsstat3
 * @param fileWcc wcc_data (both arms)
 * @param count bytes written (NFS3_OK)
 * @param committed stable_how the server used (NFS3_OK), else null
 * @param verifier writeverf3, 8 bytes (NFS3_OK), else null
 */
public record Nfs3WriteRes(int status, Nfs3WccData fileWcc, int count, Nfs3StableHow committed, byte[] verifier) {
    public static Nfs3WriteRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        Nfs3WccData wcc = Nfs3WccData.decode(in); // file_wcc
        if (status != Nfs3Wire.NFS3_OK) {
            return new Nfs3WriteRes(status, wcc, 0, null, null);
        }
        int count = in.int32(); // count (4 bytes)
        Nfs3StableHow committed = Nfs3StableHow.of(in.int32()); // committed (4 bytes)
        return new Nfs3WriteRes(status, wcc, count, committed, in.fixedOpaque(Nfs3Wire.VERIFIER_SIZE)); // verf
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        fileWcc.encode(o); // file_wcc
        if (status == Nfs3Wire.NFS3_OK) {
            o.int32(count); // count
            o.int32(committed.value()); // committed
            o.fixedOpaque(verifier); // verf writeverf3 (8 bytes)
        }
    }
}
