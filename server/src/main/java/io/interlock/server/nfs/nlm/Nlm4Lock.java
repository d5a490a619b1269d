package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.util.Arrays;

/**
 * nlm4_lock (RFC 1813 §6.1.4; XNFS 10.14): who locks which bytes of which file.
 *
 * @param callerName the client host name (string&lt;LM_MAXSTRLEN&gt;)
 * @param fh the NFS file handle (netobj)
 * @param oh the owner handle, e.g. Linux "pid@nodename" (netobj)
 * @param svid the owning process id
 * @param offset first byte (unsigned 64-bit)
 * @param length number of bytes (unsigned 64-bit); 0 means to the end of any possible file
 */
public record Nlm4Lock(String callerName, byte[] fh, byte[] oh, int svid, long offset, long length) {
    /** LM_MAXSTRLEN. */
    public static final int MAX_STRLEN = 1024;
    /** MAXNETOBJ_SZ. */
    public static final int MAX_NETOBJ = 1024;

    public static Nlm4Lock decode(XdrReader r) {
        // caller_name (string<LM_MAXSTRLEN>)
        String caller = r.readString(MAX_STRLEN);
        // fh (netobj)
        byte[] fh = r.readOpaque(MAX_NETOBJ);
        // oh (netobj)
        byte[] oh = r.readOpaque(MAX_NETOBJ);
        // svid (4 bytes, int32)
        int svid = r.readInt();
        // l_offset (8 bytes, uint64)
        long offset = r.readLong();
        // l_len (8 bytes, uint64)
        long length = r.readLong();
        return new Nlm4Lock(caller, fh, oh, svid, offset, length);
    }

    public void encode(XdrWriter w) {
        w.writeString(callerName).writeOpaque(fh).writeOpaque(oh).writeInt(svid);
        w.writeLong(offset).writeLong(length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nlm4Lock l
                && callerName.equals(l.callerName)
                && Arrays.equals(fh, l.fh)
                && Arrays.equals(oh, l.oh)
                && svid == l.svid
                && offset == l.offset
                && length == l.length;
    }

    @Override
    public int hashCode() {
        return ((callerName.hashCode() * 31 + Arrays.hashCode(fh)) * 31 + Arrays.hashCode(oh)) * 31
                + Long.hashCode(offset * 31 + length + svid);
    }

    @Override
    public String toString() {
        return "nlm4_lock{" + callerName + " svid=" + svid + " oh=" + Nlm4Cookies.hex(oh) + " "
                + Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length) + "}";
    }
}
