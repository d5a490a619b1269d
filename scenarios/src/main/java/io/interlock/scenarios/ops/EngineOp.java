package io.interlock.scenarios.ops;

/**
 * An op the engine performs itself, with no client of the program: share administration, the
 * share list as an outside client sees it, the server's own counters, joining an async step, time
 * passing (which may hold up one named client's lane).
 */
public sealed interface EngineOp extends Op
        permits ShareAddOp, ShareRemoveOp, ShareDisableOp, ShareListOp, ServerBreaksOp, JoinOp, PauseOp {
    @Override
    default String client() {
        return null;
    }
}
