package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * wcc_attr (RFC 1813 §2.6, 24 bytes), and pre_op_attr as a nullable wcc_attr.
 *
 * @param size bytes before the operation (uint64)
 * @param mtime data change time before the operation
 * @param ctime attribute change time before the operation
 */
public record Nfs3WccAttr(long size, Nfs3Time mtime, Nfs3Time ctime) {
    public static Nfs3WccAttr decode(XdrIn in) {
        return new Nfs3WccAttr(in.hyper(), Nfs3Time.decode(in), Nfs3Time.decode(in)); // size, mtime, ctime
    }

    public void encode(XdrOut o) {
        o.hyper(size); // size (8 bytes)
        mtime.encode(o); // mtime (8 bytes)
        ctime.encode(o); // ctime (8 bytes)
    }

    /** pre_op_attr: the attributes, or null when the server sent none. */
    public static Nfs3WccAttr decodePreOp(XdrIn in) {
        return in.bool() ? decode(in) : null; // attributes_follow bool, then wcc_attr
    }

    public static void encodePreOp(XdrOut o, Nfs3WccAttr a) {
        o.bool(a != null); // attributes_follow
        if (a != null) {
            a.encode(o);
        }
    }
}
