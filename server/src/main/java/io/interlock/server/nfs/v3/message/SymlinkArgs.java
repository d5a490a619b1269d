package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.Sattr3;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * SYMLINK3args (RFC 1813 §3.3.10): where, symlink {symlink_attributes, symlink_data}.
 *
 * @param where diropargs3
 * @param symlinkAttributes sattr3
 * @param symlinkData nfspath3, stored verbatim
 */
public record SymlinkArgs(DirOpArgs3 where, Sattr3 symlinkAttributes, String symlinkData) {
    public static SymlinkArgs decode(XdrReader r) {
        return new SymlinkArgs(
                DirOpArgs3.decode(r), // where diropargs3
                Sattr3.decode(r), // symlink.symlink_attributes sattr3
                r.readString(NfsFh3.MAX_NAME_WIRE)); // symlink.symlink_data nfspath3
    }

    public void encode(XdrWriter w) {
        where.encode(w); // where
        symlinkAttributes.encode(w); // symlink_attributes
        w.writeString(symlinkData); // symlink_data
    }
}
