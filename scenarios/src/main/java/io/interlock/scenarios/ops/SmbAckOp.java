package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakAckResult;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.SmbStatusException;

/**
 * {@code smb.ack}: acknowledges the break the client last took ([MS-SMB2] 2.2.24.2), with {@code
 * lease} or, by default, the state the break asked for. Fails with the server's status when the ack
 * is refused.
 *
 * @param client the SMB client (one that leaves breaks to explicit acks)
 * @param lease the state to acknowledge, or null for the break's new state
 */
public record SmbAckOp(String client, String lease) implements SmbOp {

    @Override
    public String handleName() {
        return null;
    }

    @Override
    public void validate(OpCheck check) {
        SmbOp.super.validate(check);
        check.require(!check.reactsToBreaks(client), "client " + client + " acknowledges its breaks by itself");
        check.require(check.awaitedBreak(client), "smb.ack needs an earlier smb.await-break of " + client);
        if (lease != null) {
            LeaseBits.parse(lease);
        }
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        LeaseBreakEvent e = ctx.lastBreak(client);
        if (e == null) {
            throw new OpCheckFailed("no lease break was received, nothing to acknowledge");
        }
        int state = lease != null ? LeaseBits.parse(lease) : e.newState();
        LeaseBreakAckResult r = ctx.smb(client).ack(e.leaseKey(), state);
        String detail = LeaseBits.format(state) + " -> " + r.statusHex()
                + (r.leaseState() >= 0 ? " " + LeaseBits.format(r.leaseState()) : "");
        if (!r.success()) {
            throw new SmbStatusException("ack " + LeaseBits.format(state), r.status());
        }
        return OpResult.ack(detail);
    }

    @Override
    public String describe() {
        return lease == null ? "" : "lease=" + lease;
    }
}
