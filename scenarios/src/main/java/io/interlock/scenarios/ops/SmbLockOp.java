package io.interlock.scenarios.ops;

/**
 * {@code smb.lock}: LOCK of one byte range ([MS-SMB2] 2.2.26). A target answering
 * STATUS_NOT_SUPPORTED to a LOCK nobody expected to be refused does not implement SMB2 LOCK: the
 * program is then skipped.
 *
 * @param client the SMB client
 * @param path the handle's path
 * @param handle the handle
 * @param offset start of the range (default 0)
 * @param length length of the range
 * @param exclusive exclusive (default) or shared
 * @param block wait for a conflicting lock to go (default false: FAIL_IMMEDIATELY)
 */
public record SmbLockOp(
        String client, String path, String handle, Long offset, Long length, Boolean exclusive, Boolean block)
        implements SmbHandleOp {

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.require(length != null && length >= 0, "needs a length");
        check.requireOpen(client, handleName());
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        try {
            ctx.smb(client)
                    .lock(
                            ctx.handle(client, handleName()),
                            OpText.orZero(offset),
                            length,
                            !Boolean.FALSE.equals(exclusive),
                            !Boolean.TRUE.equals(block));
        } catch (Exception e) {
            throw ctx.unsupportedLock(e);
        }
        return OpResult.ok("locked");
    }

    @Override
    public String describe() {
        return OpText.handle(path, handle) + " " + OpText.range(!Boolean.FALSE.equals(exclusive), offset, length)
                + (Boolean.TRUE.equals(block) ? " block" : "");
    }
}
