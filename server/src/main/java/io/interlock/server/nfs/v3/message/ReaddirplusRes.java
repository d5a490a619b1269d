package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.PostOpFh3;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIRPLUS3res (RFC 1813 §3.3.17): resok {dir_attributes, cookieverf, reply dirlistplus3
 * {entries entryplus3*, eof}}; resfail {dir_attributes}.
 *
 * @param status nfsstat3
 * @param dirAttributes post_op_attr (both arms)
 * @param cookieverf cookieverf3 (NFS3_OK only)
 * @param entries the entries (NFS3_OK only)
 * @param eof TRUE when no entries follow (NFS3_OK only)
 */
public record ReaddirplusRes(
        Nfs3Status status, PostOpAttr dirAttributes, byte[] cookieverf, List<Entryplus3> entries, boolean eof)
        implements XdrEncodable {

    /**
     * entryplus3.
     *
     * @param fileid fileid3
     * @param name filename3
     * @param cookie cookie3
     * @param nameAttributes post_op_attr
     * @param nameHandle post_op_fh3
     */
    public record Entryplus3(long fileid, String name, long cookie, PostOpAttr nameAttributes, PostOpFh3 nameHandle) {
        /** The part {@code dircount} limits: fileid, name and cookie (RFC 1813 §3.3.17). */
        public int dirSize() {
            return 8 + 4 + ((name.getBytes(StandardCharsets.UTF_8).length + 3) & ~3) + 8;
        }

        /** Bytes this entry takes in the reply, with its "value follows" word. */
        public int wireSize() {
            int attrs = nameAttributes instanceof PostOpAttr.Present ? 4 + 84 : 4;
            int fh = nameHandle instanceof PostOpFh3.Present p ? 4 + 4 + ((p.handle().length + 3) & ~3) : 4;
            return 4 + dirSize() + attrs + fh;
        }
    }

    public static ReaddirplusRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // dir_attributes
        if (s != Nfs3Status.NFS3_OK) {
            return new ReaddirplusRes(s, a, null, List.of(), false);
        }
        byte[] verf = r.readFixedOpaque(8); // cookieverf (8 bytes)
        List<Entryplus3> entries = new ArrayList<>();
        while (r.readBoolean()) { // value follows (4 bytes)
            entries.add(new Entryplus3(
                    r.readLong(), // fileid (8 bytes)
                    r.readString(NfsFh3.MAX_NAME_WIRE), // name filename3
                    r.readLong(), // cookie (8 bytes)
                    PostOpAttr.decode(r), // name_attributes
                    PostOpFh3.decode(r))); // name_handle
        }
        return new ReaddirplusRes(s, a, verf, entries, r.readBoolean()); // eof (4 bytes)
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        dirAttributes.encode(w); // dir_attributes
        if (status != Nfs3Status.NFS3_OK) {
            return;
        }
        w.writeFixedOpaque(cookieverf); // cookieverf
        for (Entryplus3 e : entries) {
            w.writeBoolean(true); // value follows
            w.writeLong(e.fileid()); // fileid
            w.writeString(e.name()); // name
            w.writeLong(e.cookie()); // cookie
            e.nameAttributes().encode(w); // name_attributes
            e.nameHandle().encode(w); // name_handle
        }
        w.writeBoolean(false); // end of entries
        w.writeBoolean(eof); // eof
    }
}
