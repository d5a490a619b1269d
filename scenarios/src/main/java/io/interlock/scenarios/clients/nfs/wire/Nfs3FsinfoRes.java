package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * FSINFO3res (RFC 1813 §3.3.19): resok {obj_attributes, rtmax, rtpref, rtmult, wtmax, wtpref,
 * wtmult, dtpref, maxfilesize, time_delta, properties}; resfail {obj_attributes}. The uint32 sizes
 * are held as {@code long}s.
 *
 * @param status nfsstat3
 * @param objAttributes post_op_attr (both arms, may be null)
 * @param rtmax largest READ
 * @param rtpref preferred READ
 * @param rtmult READ size multiple
 * @param wtmax largest WRITE
 * @param wtpref preferred WRITE
 * @param wtmult WRITE size multiple
 * @param dtpref preferred READDIR count
 * @param maxFileSize size3
 * @param timeDelta server time granularity
 * @param properties FSF3_* bits
 */
public record Nfs3FsinfoRes(
        int status,
        Nfs3Fattr objAttributes,
        long rtmax,
        long rtpref,
        long rtmult,
        long wtmax,
        long wtpref,
        long wtmult,
        long dtpref,
        long maxFileSize,
        Nfs3Time timeDelta,
        long properties) {
    public static Nfs3FsinfoRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        Nfs3Fattr attrs = Nfs3Fattr.decodePostOp(in); // obj_attributes
        if (status != Nfs3Wire.NFS3_OK) {
            return new Nfs3FsinfoRes(status, attrs, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
        }
        return new Nfs3FsinfoRes(
                status,
                attrs,
                in.uint32(), // rtmax (4 bytes)
                in.uint32(), // rtpref (4 bytes)
                in.uint32(), // rtmult (4 bytes)
                in.uint32(), // wtmax (4 bytes)
                in.uint32(), // wtpref (4 bytes)
                in.uint32(), // wtmult (4 bytes)
                in.uint32(), // dtpref (4 bytes)
                in.hyper(), // maxfilesize (8 bytes)
                Nfs3Time.decode(in), // time_delta (8 bytes)
                in.uint32()); // properties (4 bytes)
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        Nfs3Fattr.encodePostOp(o, objAttributes); // obj_attributes
        if (status != Nfs3Wire.NFS3_OK) {
            return;
        }
        o.uint32(rtmax).uint32(rtpref).uint32(rtmult); // rtmax, rtpref, rtmult
        o.uint32(wtmax).uint32(wtpref).uint32(wtmult); // wtmax, wtpref, wtmult
        o.uint32(dtpref); // dtpref
        o.hyper(maxFileSize); // maxfilesize
        timeDelta.encode(o); // time_delta
        o.uint32(properties); // properties
    }
}
