package io.interlock.scenarios.ops;

/**
 * {@code share.remove}: removes a share from the target. Needs a target whose shares the engine can change (else the program
 * is skipped).
 *
 * @param share the share name
 */
public record ShareRemoveOp(String share) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(share != null && !share.isBlank(), "needs a share name");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        if (!ctx.admin().removeShare(share)) {
            throw new OpCheckFailed("no share " + share + " to remove");
        }
        return OpResult.ok("remove " + share);
    }

    @Override
    public String describe() {
        return "share=" + share;
    }
}
