package io.interlock.scenarios.ops;

import java.time.Duration;

/**
 * {@code pause}: time passes. The client named (or the engine) does nothing for {@code duration}
 * of the engine's clock while the others go on; on a virtual clock it costs no wall time, so a
 * program can outwait a 35 s break timeout ([MS-SMB2] 3.3.2.5) and then look at what the timer did
 * (R-SMB-67..69, R-XP-15).
 *
 * @param client who pauses (null: the engine's own lane)
 * @param duration how long; within the step's timeout
 */
public record PauseOp(String client, Duration duration) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(duration != null && !duration.isNegative() && !duration.isZero(), "pause needs a duration");
        if (client != null) {
            check.require(check.hasClient(client), "pause names an unknown client " + client);
        }
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.pause(duration);
        return OpResult.ok(duration.toString());
    }

    @Override
    public String describe() {
        return duration.toString();
    }
}
