package io.interlock.scenarios.ops;

/**
 * {@code nlm.cancel}: NLM4 CANCEL of this client's blocked LOCK of a range; must answer GRANTED.
 *
 * @param client the NLM client
 * @param path export-relative path
 * @param offset start (default 0)
 * @param length length (0 = to end of file)
 * @param exclusive the blocked lock's mode (default exclusive)
 * @param svid the lock owner's process id (default: derived from the client's name)
 */
public record NlmCancelOp(String client, String path, Long offset, Long length, Boolean exclusive, Integer svid)
        implements NlmOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        boolean excl = !Boolean.FALSE.equals(exclusive);
        return NlmText.expect(
                ctx.nlm(client)
                        .cancel(
                                path,
                                ctx.nlm(client).spec(path, svid, OpText.orZero(offset), OpText.orZero(length)),
                                excl),
                "GRANTED",
                "CANCEL");
    }

    @Override
    public String describe() {
        return path + " " + OpText.range(!Boolean.FALSE.equals(exclusive), offset, length);
    }
}
