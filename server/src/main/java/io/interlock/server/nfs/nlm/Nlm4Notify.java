package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_notify (RFC 1813 §6.1.4; XNFS 10.14): argument of FREE_ALL.
 *
 * @param name the client host whose locks go (string&lt;LM_MAXNAMELEN&gt;)
 * @param state its NSM state number
 */
public record Nlm4Notify(String name, int state) {
    /** LM_MAXNAMELEN. */
    public static final int MAX_NAMELEN = 1025;

    public static Nlm4Notify decode(XdrReader r) {
        // name (string<LM_MAXNAMELEN>)
        String name = r.readString(MAX_NAMELEN);
        // state (4 bytes, int32)
        return new Nlm4Notify(name, r.readInt());
    }

    public void encode(XdrWriter w) {
        w.writeString(name).writeInt(state);
    }
}
