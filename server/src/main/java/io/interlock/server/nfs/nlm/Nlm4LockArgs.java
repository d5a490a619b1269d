package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_lockargs (RFC 1813 §6.1.4; XNFS 10.14): arguments of LOCK, LOCK_MSG and NM_LOCK.
 *
 * @param cookie opaque echo value (netobj)
 * @param block whether to queue on a conflict (BLOCKED, then GRANTED callback)
 * @param exclusive write lock when true, read lock when false
 * @param alock the lock
 * @param reclaim true while the client re-establishes locks in the grace period
 * @param state the client's NSM state number
 */
public record Nlm4LockArgs(
        byte[] cookie, boolean block, boolean exclusive, Nlm4Lock alock, boolean reclaim, int state) {
    public static Nlm4LockArgs decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // block (bool)
        boolean block = r.readBoolean();
        // exclusive (bool)
        boolean exclusive = r.readBoolean();
        // alock (nlm4_lock)
        Nlm4Lock alock = Nlm4Lock.decode(r);
        // reclaim (bool)
        boolean reclaim = r.readBoolean();
        // state (4 bytes, int32)
        int state = r.readInt();
        return new Nlm4LockArgs(cookie, block, exclusive, alock, reclaim, state);
    }

    public void encode(XdrWriter w) {
        w.writeOpaque(cookie).writeBoolean(block).writeBoolean(exclusive);
        alock.encode(w);
        w.writeBoolean(reclaim).writeInt(state);
    }
}
