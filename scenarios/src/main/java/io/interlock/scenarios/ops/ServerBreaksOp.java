package io.interlock.scenarios.ops;

/**
 * {@code server.breaks}: since the program started, the target finished exactly {@code count}
 * breaks for {@code trigger} (WRITE, READ, LOCK, ...), of which {@code timedOut} at the timeout
 * (R-XP-13). Needs a target that exposes its break counters (else skipped).
 *
 * @param trigger the break trigger
 * @param count finished breaks
 * @param timedOut of those, ended by the timer (null: any)
 */
public record ServerBreaksOp(String trigger, Integer count, Integer timedOut) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(trigger != null && count != null, "server.breaks needs trigger and count");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        OpContext.BreakCount c = ctx.breaksSinceStart(trigger);
        String detail = trigger + " breaks finished " + c.count() + ", timed out " + c.timedOut();
        if (c.count() != count || (timedOut != null && c.timedOut() != timedOut)) {
            throw new OpCheckFailed(
                    detail + "; expected " + count + " and " + (timedOut == null ? "any" : timedOut.toString()));
        }
        return OpResult.ok(detail);
    }

    @Override
    public String describe() {
        return trigger + " count=" + count + " timedOut=" + timedOut;
    }
}
