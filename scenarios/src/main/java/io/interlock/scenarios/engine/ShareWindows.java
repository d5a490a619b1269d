package io.interlock.scenarios.engine;

import io.interlock.scenarios.model.ModelInput;
import io.interlock.scenarios.model.Payload;
import io.interlock.scenarios.ops.Op;
import io.interlock.scenarios.ops.OpCheckFailed;
import io.interlock.scenarios.ops.OpResult;
import io.interlock.scenarios.ops.ShareAddOp;
import io.interlock.scenarios.ops.ShareDisableOp;
import io.interlock.scenarios.ops.ShareListOp;
import io.interlock.scenarios.ops.ShareRemoveOp;
import java.util.List;
import java.util.Set;

/**
 * The share steps as the reference model sees them: administration calls and srvsvc listings that
 * reach the server past the proxy (the target's admin, an outside client), so their window is
 * opened by the step's start and closed by its reply.
 */
final class ShareWindows {
    private ShareWindows() {}

    /** Opens the step's window if it is a share step; returns its request id, else 0. */
    static long open(ModelWindows w, long decision, Op op) {
        if (op instanceof ShareAddOp a) {
            return w.engineRequest(decision, req -> new ModelInput.ShareAdd(req, ProgramRun.ENGINE, a.share()));
        }
        if (op instanceof ShareRemoveOp r) {
            return w.engineRequest(decision, req -> new ModelInput.ShareRemove(req, ProgramRun.ENGINE, r.share()));
        }
        if (op instanceof ShareDisableOp d) {
            return w.engineRequest(decision, req -> new ModelInput.ShareDisable(req, ProgramRun.ENGINE, d.share()));
        }
        if (op instanceof ShareListOp) {
            return w.engineRequest(decision, req -> new ModelInput.ShareEnum(req, ProgramRun.ENGINE));
        }
        return 0;
    }

    /** The step's reply: success (with the listed names), or its failure. */
    @SuppressWarnings("unchecked")
    static void reply(ModelWindows w, long req, Op op, OpResult r, Exception failure) {
        String ok = op instanceof ShareListOp ? "STATUS_SUCCESS" : "OK";
        if (failure instanceof OpCheckFailed f) {
            // the call returned; only a hand-written expectation of the step failed
            boolean missing = f.getMessage() != null && f.getMessage().startsWith("no share");
            w.engineReply(req, missing ? "NOT_FOUND" : ok, Payload.NotRecorded.INSTANCE);
            return;
        }
        if (failure != null) {
            w.engineReply(req, "FAILED: " + failure.getMessage(), Payload.NotRecorded.INSTANCE);
            return;
        }
        Payload p = Payload.NotRecorded.INSTANCE;
        if (op instanceof ShareListOp && r != null && r.value() instanceof List<?> names) {
            p = new Payload.ShareNames(Set.copyOf((List<String>) names));
        }
        w.engineReply(req, ok, p);
    }
}
