package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/** nfs_fh3 = opaque&lt;NFS3_FHSIZE&gt; and post_op_fh3 (RFC 1813 §2.5, §2.6). */
public final class Nfs3Fh {
    /** NFS3_FHSIZE: the longest file handle. */
    public static final int FHSIZE = 64;

    private Nfs3Fh() {}

    public static byte[] decode(XdrIn in) {
        return in.opaque(FHSIZE); // data opaque<64>
    }

    public static void encode(XdrOut o, byte[] fh) {
        o.opaque(fh); // data opaque<64>
    }

    /** post_op_fh3: the handle, or null when the server sent none. */
    public static byte[] decodePostOp(XdrIn in) {
        return in.bool() ? decode(in) : null; // handle_follows bool, then nfs_fh3
    }

    public static void encodePostOp(XdrOut o, byte[] fh) {
        o.bool(fh != null); // handle_follows
        if (fh != null) {
            encode(o, fh);
        }
    }
}
