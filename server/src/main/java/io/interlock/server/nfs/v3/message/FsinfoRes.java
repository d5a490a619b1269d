package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.Nfstime3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * FSINFO3res (RFC 1813 §3.3.19): resok {obj_attributes, rtmax, rtpref, rtmult, wtmax, wtpref,
 * wtmult, dtpref, maxfilesize, time_delta, properties}; resfail {obj_attributes}.
 *
 * @param status nfsstat3
 * @param objAttributes post_op_attr (both arms)
 * @param rtmax largest READ
 * @param rtpref preferred READ
 * @param rtmult READ size multiple
 * @param wtmax largest WRITE
 * @param wtpref preferred WRITE
 * @param wtmult WRITE size multiple
 * @param dtpref preferred READDIR
 * @param maxfilesize largest file
 * @param timeDelta time granularity
 * @param properties FSF3_* bits
 */
public record FsinfoRes(
        Nfs3Status status,
        PostOpAttr objAttributes,
        int rtmax,
        int rtpref,
        int rtmult,
        int wtmax,
        int wtpref,
        int wtmult,
        int dtpref,
        long maxfilesize,
        Nfstime3 timeDelta,
        int properties)
        implements XdrEncodable {
    public static final int FSF3_LINK = 0x01;
    public static final int FSF3_SYMLINK = 0x02;
    public static final int FSF3_HOMOGENEOUS = 0x08;
    public static final int FSF3_CANSETTIME = 0x10;

    public static FsinfoRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // obj_attributes
        if (s != Nfs3Status.NFS3_OK) {
            return new FsinfoRes(s, a, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
        }
        return new FsinfoRes(
                s,
                a,
                r.readInt(), // rtmax (4 bytes)
                r.readInt(), // rtpref (4 bytes)
                r.readInt(), // rtmult (4 bytes)
                r.readInt(), // wtmax (4 bytes)
                r.readInt(), // wtpref (4 bytes)
                r.readInt(), // wtmult (4 bytes)
                r.readInt(), // dtpref (4 bytes)
                r.readLong(), // maxfilesize (8 bytes)
                Nfstime3.decode(r), // time_delta (8 bytes)
                r.readInt()); // properties (4 bytes)
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        objAttributes.encode(w); // obj_attributes
        if (status == Nfs3Status.NFS3_OK) {
            w.writeInt(rtmax).writeInt(rtpref).writeInt(rtmult); // rtmax, rtpref, rtmult
            w.writeInt(wtmax).writeInt(wtpref).writeInt(wtmult); // wtmax, wtpref, wtmult
            w.writeInt(dtpref); // dtpref
            w.writeLong(maxfilesize); // maxfilesize
            timeDelta.encode(w); // time_delta
            w.writeInt(properties); // properties
        }
    }
}
