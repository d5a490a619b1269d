package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.LeaseBits;

/**
 * {@code smb.lease-state}: the target's own view of this client's lease on a handle reaches {@code
 * value}, not breaking, within the step's timeout (needs a target with an admin view of its lease
 * table; skipped elsewhere).
 *
 * @param client the SMB client
 * @param path the handle's path
 * @param handle the handle
 * @param value the lease state (e.g. RH)
 */
public record SmbLeaseStateOp(String client, String path, String handle, String value) implements SmbHandleOp {

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.require(value != null, "needs a value (the lease state)");
        LeaseBits.parse(value);
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        return OpResult.ok(ctx.awaitLeaseState(client, handleName(), LeaseBits.parse(value)));
    }

    @Override
    public String describe() {
        return OpText.handle(path, handle) + " " + value;
    }
}
