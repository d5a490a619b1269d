package io.interlock.scenarios.engine;

import io.interlock.scenarios.gen.ChoiceStream;
import java.util.List;

/**
 * The scheduler's decisions drawn from a run's choice stream: which of the possible actions comes
 * next. Choice 0 is the first action in the scheduler's canonical order (held frames by connection,
 * then clients' break handling, then steps in program order), so a shrunk run drifts toward prompt
 * delivery in program order.
 */
final class ChoiceSchedule implements Schedule {
    private final ChoiceStream choices;

    ChoiceSchedule(ChoiceStream choices) {
        this.choices = choices;
    }

    @Override
    public int choose(List<ProgramRun.Action> actions) {
        return choices.draw(actions.size());
    }
}
