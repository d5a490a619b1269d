package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_testargs (RFC 1813 §6.1.4; XNFS 10.14): arguments of TEST, TEST_MSG and of the GRANTED
 * callback the server sends.
 *
 * @param cookie opaque echo value
 * @param exclusive whether a write lock is tested (or granted)
 * @param alock the lock
 */
public record Nlm4TestArgs(byte[] cookie, boolean exclusive, Nlm4Lock alock) {
    public static Nlm4TestArgs decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // exclusive (bool)
        boolean exclusive = r.readBoolean();
        // alock (nlm4_lock)
        return new Nlm4TestArgs(cookie, exclusive, Nlm4Lock.decode(r));
    }

    public void encode(XdrWriter w) {
        w.writeOpaque(cookie).writeBoolean(exclusive);
        alock.encode(w);
    }
}
