package io.interlock.scenarios.ops;

/**
 * {@code join}: waits, within the step's timeout, until an earlier async step completed.
 *
 * @param step the id of the async step
 */
public record JoinOp(String step) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(step != null && check.hasEarlierStep(step), "join must name an earlier step");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.join(step);
        return OpResult.ok(step);
    }

    @Override
    public String describe() {
        return step;
    }
}
