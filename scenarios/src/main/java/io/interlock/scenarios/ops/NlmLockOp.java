package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;

/**
 * {@code nlm.lock}: NLM4 LOCK of a range (l_len 0 = to end of file). By default it must return
 * GRANTED (or GRANTED|BLOCKED with {@code block}); {@code value} names another acceptable outcome,
 * and any other status fails the step with its name (e.g. NLM4_DENIED).
 *
 * @param client the NLM client
 * @param path export-relative path
 * @param offset start (default 0)
 * @param length length (0 or absent = to end of file)
 * @param exclusive exclusive (default) or shared
 * @param block a blocking lock (the server answers BLOCKED and calls GRANTED back later)
 * @param reclaim the reclaim flag (grace period)
 * @param svid the lock owner's process id (default: derived from the client's name)
 * @param value the status the LOCK must return, e.g. BLOCKED, or alternatives GRANTED|BLOCKED
 */
public record NlmLockOp(
        String client,
        String path,
        Long offset,
        Long length,
        Boolean exclusive,
        Boolean block,
        Boolean reclaim,
        Integer svid,
        String value)
        implements NlmOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        NlmLockSpec l = ctx.nlm(client).spec(path, svid, OpText.orZero(offset), OpText.orZero(length));
        boolean blocking = Boolean.TRUE.equals(block);
        NlmStat st =
                ctx.nlm(client).lock(path, l, !Boolean.FALSE.equals(exclusive), blocking, Boolean.TRUE.equals(reclaim));
        String expected = value != null ? value : blocking ? "GRANTED|BLOCKED" : "GRANTED";
        return NlmText.expect(st, expected, "LOCK");
    }

    @Override
    public String describe() {
        return path + " " + OpText.range(!Boolean.FALSE.equals(exclusive), offset, length)
                + (Boolean.TRUE.equals(block) ? " block" : "") + (Boolean.TRUE.equals(reclaim) ? " reclaim" : "")
                + (svid != null ? " svid=" + svid : "");
    }
}
