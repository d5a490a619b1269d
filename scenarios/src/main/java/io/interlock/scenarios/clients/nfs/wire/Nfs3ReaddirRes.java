package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR3res (RFC 1813 §3.3.16): resok {dir_attributes, cookieverf, reply dirlist3 {entries
 * (a linked list of entry3), eof}}; resfail {dir_attributes}.
 *
 * @param status nfsstat3
 * @param dirAttributes post_op_attr (both arms, may be null)
 * @param cookieverf cookieverf3 (NFS3_OK), else null
 * @param entries the entries of this reply in order (NFS3_OK), else empty
 * @param eof no entries follow (NFS3_OK)
 */
public record Nfs3ReaddirRes(int status, Nfs3Fattr dirAttributes, byte[] cookieverf, List<Entry> entries, boolean eof) {
    /** A bound on entries in one reply, against a peer that never ends its list. */
    static final int MAX_ENTRIES = 1 << 20;

    public Nfs3ReaddirRes {
        entries = List.copyOf(entries);
    }

    /**
     * entry3 (§3.3.16).
     *
     * @param fileid fileid3
     * @param name filename3
     * @param cookie cookie3 to resume after this entry
     */
    public record Entry(long fileid, String name, long cookie) {}

    public static Nfs3ReaddirRes decode(XdrIn in) {
        int status = in.int32(); // status nfsstat3 (4 bytes)
        Nfs3Fattr dir = Nfs3Fattr.decodePostOp(in); // dir_attributes
        if (status != Nfs3Wire.NFS3_OK) {
            return new Nfs3ReaddirRes(status, dir, null, List.of(), false);
        }
        byte[] verf = in.fixedOpaque(Nfs3Wire.VERIFIER_SIZE); // cookieverf (8 bytes)
        List<Entry> entries = new ArrayList<>();
        while (in.bool()) { // value_follows: one more entry3
            if (entries.size() >= MAX_ENTRIES) {
                throw new io.interlock.scenarios.clients.rpc.RpcProtocolException(
                        "READDIR reply with more than " + MAX_ENTRIES + " entries");
            }
            // fileid (8 bytes), name filename3, cookie (8 bytes)
            entries.add(new Entry(in.hyper(), in.string(Integer.MAX_VALUE), in.hyper()));
        }
        return new Nfs3ReaddirRes(status, dir, verf, entries, in.bool()); // eof
    }

    public void encode(XdrOut o) {
        o.int32(status); // status
        Nfs3Fattr.encodePostOp(o, dirAttributes); // dir_attributes
        if (status != Nfs3Wire.NFS3_OK) {
            return;
        }
        o.fixedOpaque(cookieverf); // cookieverf
        for (Entry e : entries) {
            o.bool(true); // value_follows
            o.hyper(e.fileid()); // fileid
            o.string(e.name()); // name
            o.hyper(e.cookie()); // cookie
        }
        o.bool(false); // no more entries
        o.bool(eof); // eof
    }
}
