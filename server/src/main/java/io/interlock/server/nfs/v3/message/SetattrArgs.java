package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.Sattr3;
import io.interlock.server.nfs.v3.xdr.SattrGuard3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * SETATTR3args (RFC 1813 §3.3.2).
 *
 * @param object nfs_fh3
 * @param newAttributes sattr3
 * @param guard sattrguard3
 */
public record SetattrArgs(byte[] object, Sattr3 newAttributes, SattrGuard3 guard) {
    public static SetattrArgs decode(XdrReader r) {
        return new SetattrArgs(
                NfsFh3.decode(r), // object nfs_fh3
                Sattr3.decode(r), // new_attributes sattr3
                SattrGuard3.decode(r)); // guard sattrguard3
    }

    public void encode(XdrWriter w) {
        NfsFh3.encode(w, object); // object
        newAttributes.encode(w); // new_attributes
        guard.encode(w); // guard
    }
}
