package io.interlock.scenarios.ops;

/** An op of our NLM v4 client ({@code nlm.*}) on one byte range of a file. */
public sealed interface NlmOp extends Op permits NlmLockOp, NlmTestOp, NlmUnlockOp, NlmCancelOp, NlmAwaitGrantedOp {
    String path();

    @Override
    default void validate(OpCheck check) {
        check.requireClient(client(), "nlm");
        check.require(path() != null && !path().isBlank(), "needs a path");
    }
}
