package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_holder (RFC 1813 §6.1.4; XNFS 10.14): the conflicting lock a TEST reports.
 *
 * @param exclusive whether the holder's lock is a write lock
 * @param svid the holder's process id
 * @param oh the holder's owner handle
 * @param offset first byte (unsigned)
 * @param length length (unsigned), 0 = to the end
 */
public record Nlm4Holder(boolean exclusive, int svid, byte[] oh, long offset, long length) {
    public static Nlm4Holder decode(XdrReader r) {
        // exclusive (bool)
        boolean excl = r.readBoolean();
        // svid (4 bytes)
        int svid = r.readInt();
        // oh (netobj)
        byte[] oh = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // l_offset (8 bytes), l_len (8 bytes)
        return new Nlm4Holder(excl, svid, oh, r.readLong(), r.readLong());
    }

    public void encode(XdrWriter w) {
        w.writeBoolean(exclusive)
                .writeInt(svid)
                .writeOpaque(oh)
                .writeLong(offset)
                .writeLong(length);
    }
}
