package io.interlock.server.rpc;

/**
 * One encoded RPC reply message (RFC 5531 §9 reply_body), without record marking.
 *
 * @param xid the call's xid
 * @param message the whole reply message
 */
public record RpcReply(int xid, byte[] message) {
    /** xid, msg_type, reply_stat, verifier flavor and length, accept_stat: 6 words. */
    static final int ACCEPTED_HEADER = 24;

    private static XdrWriter accepted(XdrWriter w, int xid, int acceptStat) {
        // xid, msg_type=REPLY, reply_stat=MSG_ACCEPTED (4 bytes each)
        w.writeInt(xid).writeInt(Rpc.REPLY).writeInt(Rpc.MSG_ACCEPTED);
        // verf: AUTH_NONE, empty body
        w.writeInt(Rpc.AUTH_NONE).writeInt(0);
        // accept_stat (4 bytes)
        return w.writeInt(acceptStat);
    }

    /** MSG_ACCEPTED / SUCCESS followed by the procedure's results. */
    public static RpcReply success(int xid, XdrEncodable results) {
        int size = results.encodedSize();
        // a known size: one array of exactly header + results, handed over without a copy
        XdrWriter w = new XdrWriter(size > 0 ? ACCEPTED_HEADER + size : 256);
        accepted(w, xid, Rpc.SUCCESS);
        results.encode(w);
        return new RpcReply(xid, w.finish());
    }

    /** MSG_ACCEPTED with PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS or SYSTEM_ERR. */
    public static RpcReply accepted(int xid, int acceptStat) {
        return new RpcReply(xid, accepted(new XdrWriter(32), xid, acceptStat).toByteArray());
    }

    /** MSG_ACCEPTED / PROG_MISMATCH with the lowest and highest version served. */
    public static RpcReply progMismatch(int xid, int low, int high) {
        XdrWriter w = accepted(new XdrWriter(32), xid, Rpc.PROG_MISMATCH);
        return new RpcReply(xid, w.writeInt(low).writeInt(high).toByteArray());
    }

    /** MSG_DENIED / RPC_MISMATCH with low=high=2. */
    public static RpcReply rpcMismatch(int xid) {
        XdrWriter w = new XdrWriter(32);
        w.writeInt(xid).writeInt(Rpc.REPLY).writeInt(Rpc.MSG_DENIED).writeInt(Rpc.RPC_MISMATCH);
        w.writeInt(Rpc.RPC_VERSION).writeInt(Rpc.RPC_VERSION);
        return new RpcReply(xid, w.toByteArray());
    }

    /** MSG_DENIED / AUTH_ERROR with an auth_stat. */
    public static RpcReply authError(int xid, int authStat) {
        XdrWriter w = new XdrWriter(32);
        w.writeInt(xid).writeInt(Rpc.REPLY).writeInt(Rpc.MSG_DENIED).writeInt(Rpc.AUTH_ERROR);
        w.writeInt(authStat);
        return new RpcReply(xid, w.toByteArray());
    }
}
