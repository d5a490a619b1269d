package io.interlock.suite.rpc;

import io.interlock.scenarios.clients.rpc.XdrIn;

/**
 * An ONC RPC reply (RFC 5531 §9) decoded completely, rejections included, so that a test can check
 * exactly what the server said.
 *
 * @param xid the reply's xid
 * @param replyStat MSG_ACCEPTED 0 or MSG_DENIED 1
 * @param acceptStat for accepted replies: SUCCESS 0, PROG_UNAVAIL 1, PROG_MISMATCH 2, PROC_UNAVAIL
 *     3, GARBAGE_ARGS 4, SYSTEM_ERR 5; else -1
 * @param rejectStat for denied replies: RPC_MISMATCH 0 or AUTH_ERROR 1; else -1
 * @param low PROG_MISMATCH / RPC_MISMATCH lowest version, else -1
 * @param high PROG_MISMATCH / RPC_MISMATCH highest version, else -1
 * @param authStat for AUTH_ERROR, else -1
 * @param message the whole reply
 * @param resultsOffset where the results start (SUCCESS), else the end
 */
public record RpcReply(
        int xid,
        int replyStat,
        int acceptStat,
        int rejectStat,
        int low,
        int high,
        int authStat,
        byte[] message,
        int resultsOffset) {
    public static final int MSG_ACCEPTED = 0;
    public static final int MSG_DENIED = 1;
    public static final int SUCCESS = 0;
    public static final int PROG_UNAVAIL = 1;
    public static final int PROG_MISMATCH = 2;
    public static final int PROC_UNAVAIL = 3;
    public static final int GARBAGE_ARGS = 4;
    public static final int RPC_MISMATCH = 0;
    public static final int AUTH_ERROR = 1;
    public static final int AUTH_BADCRED = 1;
    public static final int AUTH_REJECTEDCRED = 2;
    public static final int AUTH_TOOWEAK = 5;

    /** Decodes a reply message; a message that is not a reply is an {@link IllegalArgumentException}. */
    public static RpcReply decode(byte[] msg) {
        XdrIn in = new XdrIn(msg);
        int xid = in.int32();
        int type = in.int32();
        if (type != 1) {
            throw new IllegalArgumentException("not an RPC reply (msg_type " + type + ")");
        }
        int replyStat = in.int32();
        if (replyStat == MSG_DENIED) {
            int reject = in.int32();
            if (reject == RPC_MISMATCH) {
                int lo = in.int32();
                int hi = in.int32();
                return new RpcReply(xid, replyStat, -1, reject, lo, hi, -1, msg, msg.length);
            }
            int auth = reject == AUTH_ERROR ? in.int32() : -1;
            return new RpcReply(xid, replyStat, -1, reject, -1, -1, auth, msg, msg.length);
        }
        in.int32(); // verf flavor
        in.opaque(400); // verf body
        int accept = in.int32();
        if (accept == PROG_MISMATCH) {
            int lo = in.int32();
            int hi = in.int32();
            return new RpcReply(xid, replyStat, accept, -1, lo, hi, -1, msg, in.position());
        }
        return new RpcReply(xid, replyStat, accept, -1, -1, -1, -1, msg, in.position());
    }

    public boolean success() {
        return replyStat == MSG_ACCEPTED && acceptStat == SUCCESS;
    }

    /** A reader at the results. */
    public XdrIn results() {
        return new XdrIn(message, resultsOffset);
    }

    @Override
    public String toString() {
        if (replyStat == MSG_DENIED) {
            return rejectStat == RPC_MISMATCH
                    ? "MSG_DENIED RPC_MISMATCH " + low + ".." + high
                    : rejectStat == AUTH_ERROR
                            ? "MSG_DENIED AUTH_ERROR auth_stat " + authStat
                            : "MSG_DENIED " + rejectStat;
        }
        return switch (acceptStat) {
            case SUCCESS -> "SUCCESS";
            case PROG_UNAVAIL -> "PROG_UNAVAIL";
            case PROG_MISMATCH -> "PROG_MISMATCH " + low + ".." + high;
            case PROC_UNAVAIL -> "PROC_UNAVAIL";
            case GARBAGE_ARGS -> "GARBAGE_ARGS";
            case 5 -> "SYSTEM_ERR";
            default -> "accept_stat " + acceptStat;
        };
    }
}
