package io.interlock.scenarios.proxy;

import java.util.OptionalInt;

/**
 * An ONC RPC REPLY (RFC 5531 §9, reply_body). Fields that do not apply to this kind of reply are
 * -1.
 *
 * @param xid xid
 * @param accepted reply_stat MSG_ACCEPTED (else MSG_DENIED)
 * @param acceptStat accept_stat of an accepted reply (0 SUCCESS, 1 PROG_UNAVAIL, 2 PROG_MISMATCH,
 *     3 PROC_UNAVAIL, 4 GARBAGE_ARGS, 5 SYSTEM_ERR), else -1
 * @param rejectStat reject_stat of a denied reply (0 RPC_MISMATCH, 1 AUTH_ERROR), else -1
 * @param authStat auth_stat of an AUTH_ERROR, else -1
 * @param resultWord the first 4 bytes of the results of a SUCCESS reply, when there are 4: the
 *     status of NFSv3 (nfsstat3) and MOUNT v3 (mountstat3) results
 * @param wordAfterCookie the 4 bytes after a leading XDR netobj of at most 1024 bytes, when the
 *     results parse that way: the status of NLM v4 results, which begin with the cookie
 *     (nlm4_res, nlm4_testres)
 */
public record RpcReply(
        int xid,
        boolean accepted,
        int acceptStat,
        int rejectStat,
        int authStat,
        OptionalInt resultWord,
        OptionalInt wordAfterCookie)
        implements RpcSummary {
    public static final int SUCCESS = 0;
    public static final int PROG_MISMATCH = 2;
    public static final int RPC_MISMATCH = 0;
    public static final int AUTH_ERROR = 1;

    /** NLM's program number: its results begin with a cookie. */
    static final int NLM_PROGRAM = 100021;
    /** Largest NLM cookie (netobj, XNFS: MAXNETOBJ_SZ). */
    static final int MAX_COOKIE = 1024;

    /**
     * The status word of the results, given the program of the call this replies to: the word
     * after the cookie for NLM (100021), the first word otherwise (NFS, MOUNT, NSM SM_STAT).
     */
    public OptionalInt status(int program) {
        return program == NLM_PROGRAM ? wordAfterCookie : resultWord;
    }

    /** Accepted with accept_stat SUCCESS: the procedure ran and its results follow. */
    public boolean success() {
        return accepted && acceptStat == SUCCESS;
    }

    static RpcSummary decode(WireCursor c, int xid) {
        int replyStat = c.i32be(); // reply_stat (4 bytes)
        if (replyStat == 0) { // MSG_ACCEPTED
            c.i32be(); // verf.flavor (4 bytes)
            c.skipXdrOpaque(RpcCall.MAX_AUTH); // verf.body
            int accept = c.i32be(); // accept_stat (4 bytes)
            OptionalInt word = OptionalInt.empty();
            OptionalInt afterCookie = OptionalInt.empty();
            if (accept == SUCCESS && c.remaining() >= 4) {
                int first = c.i32be(); // results: first word
                word = OptionalInt.of(first);
                long padded = ((first & 0xFFFFFFFFL) + 3) & ~3L;
                if (first >= 0 && first <= MAX_COOKIE && c.remaining() >= padded + 4) {
                    afterCookie = OptionalInt.of(c.skip(padded).i32be()); // netobj cookie, then the stat
                }
            } else if (accept == PROG_MISMATCH) {
                c.i32be(); // mismatch_info.low (4 bytes)
                c.i32be(); // mismatch_info.high (4 bytes)
            }
            return new RpcReply(xid, true, accept, -1, -1, word, afterCookie);
        }
        if (replyStat == 1) { // MSG_DENIED
            int reject = c.i32be(); // reject_stat (4 bytes)
            int auth = -1;
            if (reject == RPC_MISMATCH) {
                c.i32be(); // mismatch_info.low (4 bytes)
                c.i32be(); // mismatch_info.high (4 bytes)
            } else if (reject == AUTH_ERROR) {
                auth = c.i32be(); // auth_stat (4 bytes)
            } else {
                throw WireCursor.malformed("reject_stat " + reject);
            }
            return new RpcReply(xid, false, -1, reject, auth, OptionalInt.empty(), OptionalInt.empty());
        }
        throw WireCursor.malformed("reply_stat " + replyStat);
    }
}
