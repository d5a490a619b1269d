package io.interlock.scenarios.ops;

/**
 * {@code smb.close}: CLOSE of an open handle (a caching client flushes it first).
 *
 * @param client the SMB client
 * @param path the handle's path
 * @param handle the handle
 */
public record SmbCloseOp(String client, String path, String handle) implements SmbHandleOp {

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.requireOpen(client, handleName());
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.smb(client).close(ctx.handle(client, handleName()));
        ctx.closed(client, handleName());
        return OpResult.ok("closed");
    }

    @Override
    public String describe() {
        return OpText.handle(path, handle);
    }
}
