package io.interlock.scenarios.ops;

/**
 * An op the engine performs itself, with no client of the program: share administration, the
 * share list as an outside client sees it, the server's own counters, joining an async step.
 */
public sealed interface EngineOp extends Op
        permits ShareAddOp, ShareRemoveOp, ShareDisableOp, ShareListOp, ServerBreaksOp, JoinOp {
    @Override
    default String client() {
        return null;
    }
}
