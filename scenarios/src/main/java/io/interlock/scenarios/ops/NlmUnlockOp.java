package io.interlock.scenarios.ops;

/**
 * {@code nlm.unlock}: NLM4 UNLOCK of a range (splits a larger lock); must answer GRANTED.
 *
 * @param client the NLM client
 * @param path export-relative path
 * @param offset start (default 0)
 * @param length length (0 = to end of file)
 * @param svid the lock owner's process id (default: derived from the client's name)
 */
public record NlmUnlockOp(String client, String path, Long offset, Long length, Integer svid) implements NlmOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        return NlmText.expect(
                ctx.nlm(client).unlock(ctx.nlm(client).spec(path, svid, OpText.orZero(offset), OpText.orZero(length))),
                "GRANTED",
                "UNLOCK");
    }

    @Override
    public String describe() {
        return path + " " + OpText.orZero(offset) + "+" + OpText.orZero(length);
    }
}
