package io.interlock.scenarios.ops;

/**
 * {@code share.add}: adds a share (served from memory) to the target; the engine removes it when the program ends. Needs a target whose shares the engine can change (else the program
 * is skipped).
 *
 * @param share the share name
 */
public record ShareAddOp(String share) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(share != null && !share.isBlank(), "needs a share name");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.admin().addShare(share);
        return OpResult.ok("add " + share);
    }

    @Override
    public String describe() {
        return "share=" + share;
    }
}
