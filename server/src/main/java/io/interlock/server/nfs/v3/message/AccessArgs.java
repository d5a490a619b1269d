package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * ACCESS3args (RFC 1813 §3.3.4).
 *
 * @param object nfs_fh3
 * @param access ACCESS3_* bits asked for
 */
public record AccessArgs(byte[] object, int access) {
    public static AccessArgs decode(XdrReader r) {
        return new AccessArgs(NfsFh3.decode(r), r.readInt()); // object nfs_fh3, access uint32
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, object); // object
        w.writeInt(access); // access
    }
}
