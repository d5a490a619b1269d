package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import java.util.ArrayList;
import java.util.List;

/**
 * mountres3 (RFC 1813 §5.2.1): on MNT3_OK {fhandle fhandle3 = opaque&lt;FHSIZE3&gt;, auth_flavors
 * int&lt;&gt;}; otherwise the status alone.
 *
 * @param status mountstat3
 * @param fileHandle the export's root handle (MNT3_OK), else null
 * @param authFlavors the flavors the export accepts (MNT3_OK), else empty
 */
public record MountMntRes(int status, byte[] fileHandle, List<Integer> authFlavors) {
    public static final int MNT3_OK = 0;
    /** A bound on the flavor list against a garbled reply. */
    private static final int MAX_FLAVORS = 64;

    public MountMntRes {
        authFlavors = List.copyOf(authFlavors);
    }

    public static MountMntRes decode(XdrIn in) {
        int status = in.int32(); // fhs_status mountstat3 (4 bytes)
        if (status != MNT3_OK) {
            return new MountMntRes(status, null, List.of());
        }
        byte[] fh = in.opaque(Nfs3Fh.FHSIZE); // fhandle fhandle3
        int n = in.int32(); // auth_flavors count, then one int each
        if (n < 0 || n > MAX_FLAVORS) {
            throw new io.interlock.scenarios.clients.rpc.RpcProtocolException("MNT reply with " + n + " flavors");
        }
        List<Integer> flavors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            flavors.add(in.int32());
        }
        return new MountMntRes(status, fh, flavors);
    }

    public void encode(XdrOut o) {
        o.int32(status); // fhs_status
        if (status == MNT3_OK) {
            o.opaque(fileHandle); // fhandle
            o.int32(authFlavors.size()); // auth_flavors count
            authFlavors.forEach(o::int32); // auth_flavors
        }
    }

    /** mountstat3 names (RFC 1813 §5.1.5). */
    public static String statusName(int status) {
        return switch (status) {
            case 0 -> "MNT3_OK";
            case 1 -> "MNT3ERR_PERM";
            case 2 -> "MNT3ERR_NOENT";
            case 5 -> "MNT3ERR_IO";
            case 13 -> "MNT3ERR_ACCES";
            case 20 -> "MNT3ERR_NOTDIR";
            case 22 -> "MNT3ERR_INVAL";
            case 63 -> "MNT3ERR_NAMETOOLONG";
            case 10004 -> "MNT3ERR_NOTSUPP";
            case 10006 -> "MNT3ERR_SERVERFAULT";
            default -> "mountstat3(" + status + ")";
        };
    }
}
