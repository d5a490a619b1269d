package io.interlock.scenarios.ops;

/**
 * An SMB op on one open handle, named by {@code handle} or, when the program gives it no name, by
 * its {@code path}.
 */
public sealed interface SmbHandleOp extends SmbOp
        permits SmbOpenOp, SmbWriteOp, SmbReadOp, SmbCloseOp, SmbLockOp, SmbUnlockOp, SmbLeaseStateOp {
    /** The handle's path. */
    String path();

    /** The handle's name, or null: then the path names it. */
    String handle();

    @Override
    default String handleName() {
        return handle() != null ? handle() : path();
    }
}
