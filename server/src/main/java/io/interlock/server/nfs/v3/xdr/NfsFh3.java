package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.nio.charset.StandardCharsets;

/**
 * nfs_fh3, filename3 and nfspath3 (RFC 1813 §2.5). Handles stay raw bytes until a handler
 * resolves them (BADHANDLE/STALE are statuses, not decode errors); names stay raw so that their
 * length is checked in bytes.
 */
public final class NfsFh3 {
    private NfsFh3() {}

    /** NFS3_FHSIZE: a longer handle is GARBAGE_ARGS (spec R-RPC-4). */
    public static final int NFS3_FHSIZE = 64;

    /** filename3 / nfspath3 decode bound: well above name_max, so NAMETOOLONG answers, not GARBAGE. */
    public static final int MAX_NAME_WIRE = 4096;

    public static byte[] decode(XdrReader r) {
        return r.readOpaque(NFS3_FHSIZE);
    }

    public static void encode(XdrWriter w, byte[] fh) {
        w.writeOpaque(fh);
    }

    /** filename3 as raw bytes. */
    public static byte[] decodeName(XdrReader r) {
        return r.readOpaque(MAX_NAME_WIRE);
    }

    public static String name(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
