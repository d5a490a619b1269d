package io.interlock.server.rpc;

/**
 * A decoded RPC reply (RFC 5531 §9), as a client sees it.
 *
 * @param xid echoed xid
 * @param replyStat MSG_ACCEPTED or MSG_DENIED
 * @param acceptStat accept_stat when accepted, else -1
 * @param rejectStat reject_stat when denied, else -1
 * @param authStat auth_stat for AUTH_ERROR, else -1
 * @param low low version for PROG_MISMATCH / RPC_MISMATCH, else -1
 * @param high high version for PROG_MISMATCH / RPC_MISMATCH, else -1
 * @param results the procedure results when SUCCESS, else null
 */
public record RpcReplyView(
        int xid, int replyStat, int acceptStat, int rejectStat, int authStat, int low, int high, XdrReader results) {

    public boolean success() {
        return replyStat == Rpc.MSG_ACCEPTED && acceptStat == Rpc.SUCCESS;
    }

    public static RpcReplyView decode(byte[] message) {
        XdrReader r = new XdrReader(message);
        int xid = r.readInt();
        int type = r.readInt();
        if (type != Rpc.REPLY) {
            throw new XdrException("not a reply: msg_type " + type);
        }
        int stat = r.readInt();
        if (stat == Rpc.MSG_ACCEPTED) {
            r.readInt();
            r.readOpaque(Rpc.MAX_AUTH_BYTES);
            int accept = r.readInt();
            if (accept == Rpc.PROG_MISMATCH) {
                return new RpcReplyView(xid, stat, accept, -1, -1, r.readInt(), r.readInt(), null);
            }
            return new RpcReplyView(xid, stat, accept, -1, -1, -1, -1, accept == Rpc.SUCCESS ? r : null);
        }
        int reject = r.readInt();
        if (reject == Rpc.RPC_MISMATCH) {
            return new RpcReplyView(xid, stat, -1, reject, -1, r.readInt(), r.readInt(), null);
        }
        return new RpcReplyView(xid, stat, -1, reject, r.readInt(), -1, -1, null);
    }
}
