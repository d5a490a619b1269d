package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * wcc_data (RFC 1813 §2.6): weak cache consistency data of a modified object.
 *
 * @param before pre_op_attr, or null
 * @param after post_op_attr, or null
 */
public record Nfs3WccData(Nfs3WccAttr before, Nfs3Fattr after) {
    public static final Nfs3WccData NONE = new Nfs3WccData(null, null);

    public static Nfs3WccData decode(XdrIn in) {
        return new Nfs3WccData(Nfs3WccAttr.decodePreOp(in), Nfs3Fattr.decodePostOp(in)); // before, after
    }

    public void encode(XdrOut o) {
        Nfs3WccAttr.encodePreOp(o, before); // before pre_op_attr
        Nfs3Fattr.encodePostOp(o, after); // after post_op_attr
    }
}
