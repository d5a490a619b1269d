package io.interlock.scenarios.ops;

/** An op of an SMB client ({@code smb.*}). */
public sealed interface SmbOp extends Op permits SmbHandleOp, SmbAwaitBreakOp, SmbAckOp {
    /** The handle name this op works on (for an open: the one it creates; else the handle or the path). */
    String handleName();

    @Override
    default void validate(OpCheck check) {
        check.requireClient(client(), "smb");
    }
}
