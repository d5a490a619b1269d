package io.interlock.scenarios.engine;

import java.util.List;

/**
 * Decides which of the possible actions the scheduler takes next. Every decision of a run goes
 * through here; a run's decisions are drawn from its choice stream, so a seed (or a recorded
 * choice sequence) fixes them.
 */
interface Schedule {
    /** The index in {@code actions} (at least two) of the action to take. */
    int choose(List<ProgramRun.Action> actions);

    /** Always the first possible action: the program's own order, prompt delivery. */
    Schedule FIRST = actions -> 0;
}
