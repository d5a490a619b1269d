package io.interlock.reports;

import java.util.List;

/**
 * The result of one scenario run.
 *
 * @param id scenario id (the catalog file name without .yaml)
 * @param title one-line title
 * @param requirements requirement IDs the scenario covers (R-XP-1, ...)
 * @param verdict outcome
 * @param reason human-readable reason (which expectation failed and why; "all expectations held")
 * @param repro the one line that replays it, e.g. {@code interlock replay xp-write-breaks-lease --seed 1}
 * @param seed the seed the run used
 * @param durationMillis wall time the scenario took
 * @param history every recorded event, in recording order
 * @param target the target this scenario ran against, or null for the run's target; set when runs
 *     from several targets (sharded CI jobs) are merged into one
 */
public record ScenarioResult(
        String id,
        String title,
        List<String> requirements,
        Verdict verdict,
        String reason,
        String repro,
        long seed,
        long durationMillis,
        List<HistoryEvent> history,
        String target) {

    public ScenarioResult {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        history = history == null ? List.of() : List.copyOf(history);
        if (id == null || verdict == null) {
            throw new IllegalArgumentException("id and verdict are required");
        }
    }

    /** A result of the run's own target. */
    public ScenarioResult(
            String id,
            String title,
            List<String> requirements,
            Verdict verdict,
            String reason,
            String repro,
            long seed,
            long durationMillis,
            List<HistoryEvent> history) {
        this(id, title, requirements, verdict, reason, repro, seed, durationMillis, history, null);
    }

    /** This result, attributed to {@code target}. */
    public ScenarioResult withTarget(String target) {
        return new ScenarioResult(
                id, title, requirements, verdict, reason, repro, seed, durationMillis, history, target);
    }

    /** This result with another repro line. */
    public ScenarioResult withRepro(String line) {
        return new ScenarioResult(
                id, title, requirements, verdict, reason, line, seed, durationMillis, history, target);
    }

    /** True for FAIL and ERROR: the verdicts that make a run fail. */
    public boolean failed() {
        return verdict == Verdict.FAIL || verdict == Verdict.ERROR;
    }
}
