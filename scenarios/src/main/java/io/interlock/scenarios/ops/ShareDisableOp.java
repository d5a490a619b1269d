package io.interlock.scenarios.ops;

/**
 * {@code share.disable}: disables a share of the target (it stays configured but is not served or listed, R-CACHE-5). Needs a target whose shares the engine can change (else the program
 * is skipped).
 *
 * @param share the share name
 */
public record ShareDisableOp(String share) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(share != null && !share.isBlank(), "needs a share name");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        if (!ctx.admin().disableShare(share)) {
            throw new OpCheckFailed("no share " + share + " to disable");
        }
        return OpResult.ok("disable " + share);
    }

    @Override
    public String describe() {
        return "share=" + share;
    }
}
