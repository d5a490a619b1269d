package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * diropargs3 (RFC 1813 §2.6): a name in a directory. It is also, as it stands, the whole argument
 * of LOOKUP (§3.3.3 {@code what}), REMOVE (§3.3.12 {@code object}) and RMDIR (§3.3.13 {@code
 * object}).
 *
 * @param dir nfs_fh3 of the directory
 * @param name filename3
 */
public record Nfs3DirOpArgs(byte[] dir, String name) {
    public static Nfs3DirOpArgs decode(XdrIn in) {
        return new Nfs3DirOpArgs(Nfs3Fh.decode(in), in.string(Integer.MAX_VALUE)); // dir, name
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, dir); // dir nfs_fh3
        o.string(name); // name filename3
    }

    /** The encoded bytes (the argument of LOOKUP, REMOVE, RMDIR). */
    public byte[] bytes() {
        XdrOut o = new XdrOut();
        encode(o);
        return o.bytes();
    }
}
