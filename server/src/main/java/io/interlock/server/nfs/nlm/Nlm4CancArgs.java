package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_cancargs (RFC 1813 §6.1.4; XNFS 10.14): arguments of CANCEL and CANCEL_MSG.
 *
 * @param cookie opaque echo value
 * @param block the block flag of the LOCK being cancelled
 * @param exclusive the exclusive flag of the LOCK being cancelled
 * @param alock the lock of the LOCK being cancelled
 */
public record Nlm4CancArgs(byte[] cookie, boolean block, boolean exclusive, Nlm4Lock alock) {
    public static Nlm4CancArgs decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // block (bool)
        boolean block = r.readBoolean();
        // exclusive (bool)
        boolean exclusive = r.readBoolean();
        // alock (nlm4_lock)
        return new Nlm4CancArgs(cookie, block, exclusive, Nlm4Lock.decode(r));
    }

    public void encode(XdrWriter w) {
        w.writeOpaque(cookie).writeBoolean(block).writeBoolean(exclusive);
        alock.encode(w);
    }
}
