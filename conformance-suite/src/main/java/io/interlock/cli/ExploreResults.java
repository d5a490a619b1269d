package io.interlock.cli;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Explorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An explore campaign as report results: one FAIL per failure (the shrunk run's history, then the
 * original run's, with the failure's files), or one PASS for the campaign when nothing failed.
 */
final class ExploreResults {
    private ExploreResults() {}

    static List<ScenarioResult> of(Explorer.Outcome o, long seed, String reproArgs, Path reportDir) {
        List<ScenarioResult> out = new ArrayList<>();
        for (Explorer.Failure f : o.failures()) {
            out.add(failure(f, reproArgs, reportDir));
        }
        if (o.failures().isEmpty()) {
            out.add(new ScenarioResult(
                    "explore",
                    "generated programs, seed " + seed,
                    List.of(),
                    o.runs() > 0 ? Verdict.PASS : Verdict.SKIPPED,
                    o.runs() + " programs passed every property ("
                            + String.format(java.util.Locale.ROOT, "%.0f", o.programsPerMinute())
                            + " programs/min)",
                    "",
                    seed,
                    o.millis(),
                    List.of()));
        }
        return out;
    }

    private static ScenarioResult failure(Explorer.Failure f, String reproArgs, Path reportDir) {
        ScenarioResult shrunk = f.shrunkResult();
        List<HistoryEvent> history = new ArrayList<>(shrunk.history());
        long next = history.size();
        // the timeline orders by time: the original run goes after the shrunk one, a second apart
        long end = history.stream().mapToLong(HistoryEvent::nanos).max().orElse(0);
        long start = f.result().history().stream()
                .mapToLong(HistoryEvent::nanos)
                .min()
                .orElse(0);
        long shift = end + 1_000_000_000L - start;
        for (Path file : f.files()) {
            history.add(info(next++, end, "file", relative(reportDir, file)));
        }
        history.add(info(
                next++,
                end + 500_000_000L,
                "original",
                "the run before shrinking: " + f.program().clients().size() + " clients, "
                        + f.program().steps().size() + " ops; its history follows"));
        for (HistoryEvent e : f.result().history()) {
            history.add(new HistoryEvent(
                    next++,
                    e.client(),
                    e.kind(),
                    e.op(),
                    e.detail(),
                    e.step() == null ? null : "original/" + e.step(),
                    e.nanos() + shift,
                    e.wallTime()));
        }
        String sig = f.signature();
        return new ScenarioResult(
                f.id(),
                sig + " (" + f.shrunkProgram().clients().size() + " clients, "
                        + f.shrunkProgram().steps().size() + " ops after shrinking)",
                sig.startsWith("R-") || sig.startsWith("D-") ? List.of(sig) : List.of(),
                "error".equals(sig) ? Verdict.ERROR : Verdict.FAIL,
                shrunk.reason() + " [shrunk from " + f.program().clients().size() + " clients / "
                        + f.program().steps().size() + " ops in " + f.shrinkRuns() + " reruns, "
                        + f.shrinkMillis() + " ms]",
                shrunk.repro() + reproArgs,
                shrunk.seed(),
                shrunk.durationMillis(),
                history,
                shrunk.target(),
                shrunk.failedChecks(),
                null);
    }

    private static HistoryEvent info(long index, long nanos, String op, String detail) {
        return new HistoryEvent(index, "engine", EventKind.INFO, op, detail, null, nanos, null);
    }

    private static String relative(Path dir, Path file) {
        try {
            return dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
