package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_unlockargs (RFC 1813 §6.1.4; XNFS 10.14): arguments of UNLOCK and UNLOCK_MSG.
 *
 * @param cookie opaque echo value
 * @param alock the range to release
 */
public record Nlm4UnlockArgs(byte[] cookie, Nlm4Lock alock) {
    public static Nlm4UnlockArgs decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // alock (nlm4_lock)
        return new Nlm4UnlockArgs(cookie, Nlm4Lock.decode(r));
    }

    public void encode(XdrWriter w) {
        w.writeOpaque(cookie);
        alock.encode(w);
    }
}
