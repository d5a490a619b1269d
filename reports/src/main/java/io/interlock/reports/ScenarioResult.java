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
        List<HistoryEvent> history) {

    public ScenarioResult {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        history = history == null ? List.of() : List.copyOf(history);
        if (id == null || verdict == null) {
            throw new IllegalArgumentException("id and verdict are required");
        }
    }
}
