package io.interlock.server.nfs.v3.message;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR3res (RFC 1813 §3.3.16): resok {dir_attributes, cookieverf, reply dirlist3 {entries
 * entry3*, eof}}; resfail {dir_attributes}.
 *
 * @param status nfsstat3
 * @param dirAttributes post_op_attr (both arms)
 * @param cookieverf cookieverf3 (NFS3_OK only)
 * @param entries the entries (NFS3_OK only)
 * @param eof TRUE when no entries follow (NFS3_OK only)
 */
public record ReaddirRes(
        Nfs3Status status, PostOpAttr dirAttributes, byte[] cookieverf, List<Entry3> entries, boolean eof)
        implements XdrEncodable {

    /**
     * entry3: one directory entry.
     *
     * @param fileid fileid3
     * @param name filename3
     * @param cookie cookie3 to resume after this entry
     */
    public record Entry3(long fileid, String name, long cookie) {
        /** Bytes this entry takes in the reply, with its "value follows" word. */
        public int wireSize() {
            return 4 + 8 + 4 + ((name.getBytes(StandardCharsets.UTF_8).length + 3) & ~3) + 8;
        }
    }

    public static ReaddirRes decode(XdrReader r) {
        Nfs3Status s = Nfs3Status.of(r.readInt()); // status (4 bytes)
        PostOpAttr a = PostOpAttr.decode(r); // dir_attributes
        if (s != Nfs3Status.NFS3_OK) {
            return new ReaddirRes(s, a, null, List.of(), false);
        }
        byte[] verf = r.readFixedOpaque(8); // cookieverf (8 bytes)
        List<Entry3> entries = new ArrayList<>();
        while (r.readBoolean()) { // value follows (4 bytes)
            // fileid (8 bytes), name filename3, cookie (8 bytes)
            entries.add(new Entry3(r.readLong(), r.readString(NfsFh3.MAX_NAME_WIRE), r.readLong()));
        }
        return new ReaddirRes(s, a, verf, entries, r.readBoolean()); // eof (4 bytes)
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeInt(status.code()); // status
        dirAttributes.encode(w); // dir_attributes
        if (status != Nfs3Status.NFS3_OK) {
            return;
        }
        w.writeFixedOpaque(cookieverf); // cookieverf
        for (Entry3 e : entries) {
            w.writeBoolean(true); // value follows
            w.writeLong(e.fileid()); // fileid
            w.writeString(e.name()); // name
            w.writeLong(e.cookie()); // cookie
        }
        w.writeBoolean(false); // end of entries
        w.writeBoolean(eof); // eof
    }
}
