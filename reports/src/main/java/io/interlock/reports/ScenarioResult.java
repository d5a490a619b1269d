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
 * @param failedChecks for a FAIL or ERROR: the names of what failed, so that a baseline can name
 *     them: a property (the expectation kind, e.g. {@code break}, {@code content}, {@code
 *     no-lost-write}), {@code step:ID} for a failed step, {@code error} for an ERROR. Empty for a
 *     passing result and in run.json files written before this field existed
 * @param baseline for KNOWN_FAIL and XPASS: the baseline entry that decided it (requirement, reason,
 *     link), else null
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
        String target,
        List<String> failedChecks,
        String baseline) {

    public ScenarioResult {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        history = history == null ? List.of() : List.copyOf(history);
        failedChecks = failedChecks == null ? List.of() : List.copyOf(failedChecks);
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
        this(id, title, requirements, verdict, reason, repro, seed, durationMillis, history, null, null, null);
    }

    /** A result attributed to {@code target}, without failed checks or baseline entry. */
    public ScenarioResult(
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
        this(id, title, requirements, verdict, reason, repro, seed, durationMillis, history, target, null, null);
    }

    /** This result, attributed to {@code target}. */
    public ScenarioResult withTarget(String target) {
        return copy(verdict, repro, target, failedChecks, baseline);
    }

    /** This result with another repro line (e.g. naming the target the run used). */
    public ScenarioResult withRepro(String line) {
        return copy(verdict, line, target, failedChecks, baseline);
    }

    /** This result with the names of the checks that failed. */
    public ScenarioResult withFailedChecks(List<String> checks) {
        return copy(verdict, repro, target, checks, baseline);
    }

    /** This result re-judged by a baseline entry ({@code note}: its requirement, reason and link). */
    public ScenarioResult withBaselineVerdict(Verdict v, String note) {
        return copy(v, repro, target, failedChecks, note);
    }

    /** This result with the fields the withers change; what the scenario was and did stays. */
    private ScenarioResult copy(
            Verdict verdict, String repro, String target, List<String> failedChecks, String baseline) {
        return new ScenarioResult(
                id,
                title,
                requirements,
                verdict,
                reason,
                repro,
                seed,
                durationMillis,
                history,
                target,
                failedChecks,
                baseline);
    }

    /** True for the verdicts that make a run fail: FAIL, ERROR and XPASS. */
    public boolean failed() {
        return verdict.failsRun();
    }
}
