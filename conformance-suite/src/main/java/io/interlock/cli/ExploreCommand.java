package io.interlock.cli;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.engine.Explorer;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interlock explore}: generates programs from a seed and runs each in lockstep on the
 * embedded server, checking every history against the reference model; a failure is shrunk and
 * reported with its repro line, its pcaps and a regression scenario. Exits 1 on a failure.
 */
@Command(
        name = "explore",
        mixinStandardHelpOptions = true,
        description = "Generate cross-protocol programs from a seed, run them with controlled interleavings, check"
                + " every history, shrink failures to a minimal program and write the report.")
final class ExploreCommand implements Callable<Integer> {
    @Option(names = "--seed", paramLabel = "N", description = "The campaign's seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(
            names = "--runs",
            paramLabel = "N",
            description = "Programs to run (default ${DEFAULT-VALUE} when no --time is given).")
    Integer runs;

    @Option(names = "--time", paramLabel = "DURATION", description = "Wall-time budget, e.g. 10m, 90s.")
    String time;

    @Mixin
    ExploreOptions program;

    @Option(
            names = "--fault",
            paramLabel = "NAME",
            description = "Re-create a known bug in the embedded server for every program (repeatable).")
    List<String> faults = new java.util.ArrayList<>();

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Run only shard I of N (0-based): run k belongs to shard k mod N; shards of one seed"
                    + " never repeat each other's programs.")
    String shard;

    @Option(names = "--keep-going", description = "Go on after a failure (each failure is shrunk).")
    boolean keepGoing;

    @Option(
            names = "--shrink-runs",
            paramLabel = "N",
            description = "Most reruns one shrink may take (default ${DEFAULT-VALUE}).")
    int shrinkRuns = 300;

    @Mixin
    TargetOptions target;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("interlock-out");

    @Option(names = "--verbose", description = "Debug logging.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    static final int DEFAULT_RUNS = 500;

    @Override
    public Integer call() {
        Logging.verbose(verbose);
        requireEmbedded(target.request());
        Duration budget = time == null ? null : parseTime(time);
        int n = runs != null ? runs : budget == null ? DEFAULT_RUNS : 0;
        int[] sh = shard == null ? new int[] {0, 1} : parseShard(shard);
        Explorer.Settings s;
        try {
            s = new Explorer.Settings(
                    seed,
                    n,
                    budget,
                    program.settings(faults),
                    sh[0],
                    sh[1],
                    keepGoing,
                    shrinkRuns,
                    Duration.ofMinutes(2),
                    out.resolve("explore"));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        PrintWriter o = spec.commandLine().getOut();
        Instant started = Instant.now();
        Explorer.Outcome outcome;
        String described;
        try (EmbeddedTarget t = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            described = t.describe();
            outcome = new Explorer(t, s, System::nanoTime).explore(new ExploreProgress(o, System.console() != null, n));
        } catch (IOException e) {
            throw new UserError("cannot start the embedded server: " + e.getMessage(), 1);
        }
        List<ScenarioResult> results = ExploreResults.of(outcome, seed, target.reproArgs(), out);
        Run run = new Run(started, described, seed, results);
        Path html = ReportCommand.write(run, out);
        printSummary(o, outcome, results);
        o.println("report: " + html);
        o.flush();
        return outcome.failures().isEmpty() ? 0 : 1;
    }

    static void printSummary(PrintWriter o, Explorer.Outcome outcome, List<ScenarioResult> results) {
        for (Explorer.Failure f : outcome.failures()) {
            ScenarioResult r = results.stream()
                    .filter(x -> x.id().equals(f.id()))
                    .findFirst()
                    .orElseThrow();
            o.println(r.verdict() + " " + f.id() + ": " + r.reason());
            o.println("  reproduce: " + r.repro());
            for (Path file : f.files()) {
                o.println("  " + (file.toString().endsWith(".yaml") ? "regression scenario: " : "pcap: ") + file);
            }
        }
        o.printf(
                Locale.ROOT,
                "explore: %d programs, %d failed, %.1f s (%.0f programs/min, shrinking aside)%n",
                outcome.runs(),
                outcome.failures().size(),
                outcome.millis() / 1000.0,
                outcome.programsPerMinute());
    }

    /** Explore needs a server it can put in lockstep: today the embedded one. */
    static void requireEmbedded(Targets.Request req) {
        if (!Targets.isEmbedded(req)) {
            throw new UserError(
                    "explore drives every frame in lockstep, which needs a server whose work it can watch and"
                            + " whose clock it can move: the embedded server. Other targets run the catalog"
                            + " (interlock run --target ...)",
                    2);
        }
    }

    static Duration parseTime(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return ServerOptions.parseDuration(t);
        } catch (IllegalArgumentException e) {
            throw new UserError("--time: " + e.getMessage(), 2);
        }
    }

    static int[] parseShard(String text) {
        String[] p = text.split("/");
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].trim());
                int n = Integer.parseInt(p[1].trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new UserError("--shard: expected I/N with 0 <= I < N, got '" + text + "'", 2);
    }
}
