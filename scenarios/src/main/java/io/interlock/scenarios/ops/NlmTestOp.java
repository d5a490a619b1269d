package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.nlm.NlmTestResult;

/**
 * {@code nlm.test}: NLM4 TEST of a range: GRANTED, or DENIED with the conflicting holder.
 *
 * @param client the NLM client
 * @param path export-relative path
 * @param offset start (default 0)
 * @param length length (0 = to end of file)
 * @param exclusive exclusive (default) or shared
 * @param svid the lock owner's process id (default: derived from the client's name)
 * @param value the status TEST must return (GRANTED | DENIED), or null for any
 * @param holder for DENIED: the reported holder, "exclusive|shared OFFSET+LENGTH"
 */
public record NlmTestOp(
        String client,
        String path,
        Long offset,
        Long length,
        Boolean exclusive,
        Integer svid,
        String value,
        String holder)
        implements NlmOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        NlmTestResult r = ctx.nlm(client)
                .test(
                        ctx.nlm(client).spec(path, svid, OpText.orZero(offset), OpText.orZero(length)),
                        !Boolean.FALSE.equals(exclusive));
        String detail = r.stat().name();
        String h = null;
        if (r.holder() != null) {
            h = (r.holder().exclusive() ? "exclusive " : "shared ")
                    + Long.toUnsignedString(r.holder().offset()) + "+"
                    + Long.toUnsignedString(r.holder().length());
            detail += " holder " + h + " svid=" + r.holder().svid();
        }
        if (value != null) {
            NlmText.expect(r.stat(), value, "TEST");
        }
        if (holder != null) {
            if (h == null) {
                throw new OpCheckFailed("TEST answered " + r.stat() + " without a holder, expected holder " + holder);
            }
            if (!h.equals(holder.strip())) {
                throw new OpCheckFailed("TEST reported holder " + h + ", expected " + holder);
            }
        }
        return OpResult.status("NLM4_" + r.stat().name(), detail);
    }

    @Override
    public String describe() {
        return path + " " + OpText.range(!Boolean.FALSE.equals(exclusive), offset, length)
                + (value != null ? " expect " + value : "");
    }
}
