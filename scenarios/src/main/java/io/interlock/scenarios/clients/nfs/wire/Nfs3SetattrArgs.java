package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * SETATTR3args (RFC 1813 §3.3.2).
 *
 * @param object nfs_fh3
 * @param newAttributes sattr3
 * @param guardCtime sattrguard3: the ctime the object must still have (check TRUE), or null for
 *     no check
 */
public record Nfs3SetattrArgs(byte[] object, Nfs3Sattr newAttributes, Nfs3Time guardCtime) {
    public static Nfs3SetattrArgs decode(XdrIn in) {
        byte[] object = Nfs3Fh.decode(in); // object nfs_fh3
        Nfs3Sattr attrs = Nfs3Sattr.decode(in); // new_attributes sattr3
        Nfs3Time guard = in.bool() ? Nfs3Time.decode(in) : null; // guard: check bool, obj_ctime
        return new Nfs3SetattrArgs(object, attrs, guard);
    }

    public void encode(XdrOut o) {
        Nfs3Fh.encode(o, object); // object
        newAttributes.encode(o); // new_attributes
        o.bool(guardCtime != null); // guard.check
        if (guardCtime != null) {
            guardCtime.encode(o); // guard.obj_ctime
        }
    }
}
