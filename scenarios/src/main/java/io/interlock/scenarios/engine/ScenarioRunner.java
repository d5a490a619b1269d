package io.interlock.scenarios.engine;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.gen.ChoiceStream;
import io.interlock.scenarios.gen.Choices;
import io.interlock.scenarios.targets.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios against a target and collects a {@link Run}. The entry point the CLI calls:
 *
 * <pre>
 * Run run = ScenarioRunner.run(ScenarioCatalog.load(), target, seed);
 * Reports.writeAll(run, outDir);
 * </pre>
 *
 * Scenarios run one after another; the steps inside one may overlap ({@code async}).
 */
public final class ScenarioRunner {
    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    public static final long DEFAULT_SEED = 1L;

    private ScenarioRunner() {}

    /** The one line that replays a scenario. */
    public static String repro(String scenarioId, long seed) {
        return "interlock replay " + scenarioId + " --seed " + seed;
    }

    public static Run run(List<Scenario> scenarios, Target target) {
        return run(scenarios, target, DEFAULT_SEED);
    }

    public static Run run(List<Scenario> scenarios, Target target, long seed) {
        Instant started = Instant.now();
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            ScenarioResult r = runOne(s, target, seed);
            log.info("{} {}: {}", r.verdict(), r.id(), r.reason());
            if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR) {
                log.info("reproduce with: {}", r.repro());
            }
            results.add(r);
        }
        return new Run(started, target.describe(), seed, results);
    }

    public static ScenarioResult runOne(Scenario scenario, Target target, long seed) {
        return runOne(scenario, target, seed, false);
    }

    /**
     * @param failFast stop at the first failed step: the verdict is FAIL and the history ends there
     *     (fault detection needs only the verdict)
     */
    public static ScenarioResult runOne(Scenario scenario, Target target, long seed, boolean failFast) {
        Schedule schedule = scenario.schedule() == null
                ? Schedule.FIRST
                : new ChoiceSchedule(ChoiceStream.replay(Choices.decode(scenario.schedule())));
        try (ProgramRun x = new ProgramRun(scenario, target, seed, schedule, failFast)) {
            if (Scenario.CLIENTS.equals(scenario.ordering())) {
                // a program explore wrote (a regression scenario) states no outcome: only the
                // reference model judges it, so on a target without lockstep it is watched as explore
                // ran it
                x.watch(Explorer.Settings.DEFAULT_QUIET);
            }
            return x.execute();
        }
    }
}
