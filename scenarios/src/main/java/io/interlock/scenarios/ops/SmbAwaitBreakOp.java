package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.SmbClient;

/**
 * {@code smb.await-break}: takes the client's next lease break; for a client that handles breaks
 * itself (a caching client), waits until it has handled it (flushed and acknowledged). Bounded by
 * the step's timeout.
 *
 * @param client the SMB client
 */
public record SmbAwaitBreakOp(String client) implements SmbOp {

    @Override
    public String handleName() {
        return null;
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        SmbClient.TakenBreak t = ctx.await(ctx.smb(client).nextBreak(), "a lease break");
        ctx.breakTaken(client, t.event());
        SmbClient.HandledBreak h = t.handled();
        String detail = BreakDetail.format(t.event());
        if (h == null) {
            return OpResult.ok(detail);
        }
        return OpResult.ok(detail + " handled: flushed " + h.flushed()
                + (h.ack() != null ? ", ack " + h.ack().statusHex() : ""));
    }

    @Override
    public String describe() {
        return "";
    }
}
