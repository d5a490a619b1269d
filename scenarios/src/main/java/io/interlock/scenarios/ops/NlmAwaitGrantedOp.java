package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.nlm.NlmCallback;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import java.util.concurrent.CompletableFuture;

/**
 * {@code nlm.await-granted}: the GRANTED callback of this client's earlier blocked LOCK of the range
 * arrives within the step's timeout.
 *
 * @param client the NLM client
 * @param path export-relative path
 * @param offset start (default 0)
 * @param length length (0 = to end of file)
 * @param exclusive the blocked lock's mode (default exclusive)
 * @param svid the lock owner's process id (default: derived from the client's name)
 */
public record NlmAwaitGrantedOp(String client, String path, Long offset, Long length, Boolean exclusive, Integer svid)
        implements NlmOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        NlmLockSpec l = ctx.nlm(client).spec(path, svid, OpText.orZero(offset), OpText.orZero(length));
        CompletableFuture<NlmCallback> f = ctx.nlm(client).granted(path, l, !Boolean.FALSE.equals(exclusive));
        if (f == null) {
            throw new OpCheckFailed("no blocked nlm.lock of " + l + " to wait for");
        }
        NlmCallback cb = ctx.await(f, "the GRANTED callback for " + l);
        return OpResult.ok("GRANTED callback, answered " + cb.answered());
    }

    @Override
    public String describe() {
        return path + " " + OpText.range(!Boolean.FALSE.equals(exclusive), offset, length);
    }
}
