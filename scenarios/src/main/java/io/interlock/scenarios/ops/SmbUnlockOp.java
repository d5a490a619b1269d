package io.interlock.scenarios.ops;

/**
 * {@code smb.unlock}: UNLOCK of exactly one range the handle holds ([MS-SMB2] 3.3.5.14.1).
 *
 * @param client the SMB client
 * @param path the handle's path
 * @param handle the handle
 * @param offset start of the range (default 0)
 * @param length length of the range
 */
public record SmbUnlockOp(String client, String path, String handle, Long offset, Long length) implements SmbHandleOp {

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.require(length != null && length >= 0, "needs a length");
        check.requireOpen(client, handleName());
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        try {
            ctx.smb(client).unlock(ctx.handle(client, handleName()), OpText.orZero(offset), length);
        } catch (Exception e) {
            throw ctx.unsupportedLock(e);
        }
        return OpResult.ok("unlocked");
    }

    @Override
    public String describe() {
        return OpText.handle(path, handle) + " " + OpText.orZero(offset) + "+" + length;
    }
}
