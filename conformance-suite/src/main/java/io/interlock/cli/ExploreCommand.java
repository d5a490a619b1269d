package io.interlock.cli;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.engine.Explorer;
import io.interlock.scenarios.gen.ProgramGenerator;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetCapabilities;
import io.interlock.scenarios.targets.Targets;
import io.interlock.scenarios.targets.UnavailableTarget;
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
 * {@code interlock explore}: generates programs from a seed and runs each against the target,
 * checking every history against the reference model; a failure is shrunk and reported with its
 * repro line, its pcaps and a regression scenario. Exits 1 on a failure. On the embedded server the
 * runs are in lockstep (every frame held until the schedule delivers it, virtual time); on any other
 * target frames pass at once, on real time, and the engine settles by quiescence ({@code --quiet}).
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
            description = "Re-create a known bug in the server for every program (repeatable): the embedded server, or"
                    + " interlock serve --admin reached with --admin.")
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
        Targets.Request req = target.request();
        Duration budget = time == null ? null : parseTime(time);
        int n = runs != null ? runs : budget == null ? DEFAULT_RUNS : 0;
        int[] sh = shard == null ? new int[] {0, 1} : parseShard(shard);
        PrintWriter o = spec.commandLine().getOut();
        Instant started = Instant.now();
        Explorer.Outcome outcome;
        String described;
        try (Target t = open(req, target.file())) {
            described = t.describe();
            Explorer.Settings s;
            try {
                s = new Explorer.Settings(
                        seed,
                        n,
                        budget,
                        generator(program, faults, t, Targets.isEmbedded(req)),
                        sh[0],
                        sh[1],
                        keepGoing,
                        shrinkRuns,
                        Targets.isEmbedded(req) ? Duration.ofMinutes(2) : Duration.ofMinutes(10),
                        out.resolve("explore"),
                        program.quiet());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), 2);
            }
            if (!Targets.isEmbedded(req)) {
                o.println("interlock: exploring " + described);
                o.println("interlock: " + WATCHED_NOTE);
                o.flush();
            }
            outcome = new Explorer(t, s, System::nanoTime, target.reproArgs())
                    .explore(new ExploreProgress(o, System.console() != null, n));
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
                "explore: %d programs, %d failed%s, %.1f s (%.0f programs/min, shrinking aside)%n",
                outcome.runs(),
                outcome.failures().size(),
                outcome.skipped() == 0 ? "" : ", " + outcome.skipped() + " skipped (the target cannot run them)",
                outcome.millis() / 1000.0,
                outcome.programsPerMinute());
    }

    /** What explore and replay say about a target they cannot put in lockstep. */
    static final String WATCHED_NOTE = "not the embedded server, so no lockstep: frames pass the proxy at once and"
            + " time is real; each decision waits until the wire is quiet. A repro line replays the same program"
            + " and the same order of steps, not the same interleaving of frames.";

    /**
     * Opens the target explore (or replay) runs on: the embedded server in lockstep, or any other
     * target as {@link Targets#open} makes it. One that cannot run here is a user error naming why.
     */
    static Target open(Targets.Request req, io.interlock.scenarios.targets.TargetFile file) {
        Target t;
        try {
            t = Targets.open(req, file, () -> EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig()));
        } catch (IOException e) {
            throw new UserError("cannot start the target: " + e.getMessage(), 1);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (t instanceof UnavailableTarget u) {
            t.close();
            throw new UserError("target unavailable here: " + u.reason(), 2);
        }
        return t;
    }

    /**
     * What programs look like on target {@code t}: only what it can do. Fault points need the
     * embedded server or an admin endpoint; share operations need the admin endpoint; a break policy
     * is drawn only where the target sets it per program (else the one it has, else its own); waits
     * are capped at 5 s on a real-time target unless {@code --max-wait} says otherwise; SMB clients
     * ask for no leases where the target grants none.
     */
    static ProgramGenerator.Settings generator(
            ExploreOptions program, List<String> faults, Target t, boolean embedded) {
        TargetCapabilities caps = t.capabilities();
        if (!faults.isEmpty() && !caps.faults()) {
            throw new UserError(
                    "--fault needs a server with fault points: the embedded one, or interlock serve --admin reached"
                            + " with --admin; " + t.describe() + " has none"
                            + (caps.note().isEmpty() ? "" : " (" + caps.note() + ")"),
                    2);
        }
        List<String> policies;
        if (caps.breakPolicies().containsAll(TargetCapabilities.ALL_POLICIES)) {
            policies = List.of();
        } else if (!caps.breakPolicies().isEmpty()) {
            policies = caps.breakPolicies().stream().sorted().toList();
        } else {
            policies = List.of(ProgramGenerator.Settings.TARGET_POLICY);
        }
        ProgramGenerator.Settings g = program.settings(
                faults, policies, caps.admin(), embedded ? null : REAL_TIME_MAX_WAIT, caps.smbLeasing());
        for (String p : g.policies()) {
            if (!p.equals(ProgramGenerator.Settings.TARGET_POLICY)
                    && caps.smb()
                    && !caps.breakPolicies().contains(p)) {
                throw new UserError(
                        "--policy " + p + ": " + t.describe() + " cannot be set to it"
                                + (caps.breakPolicies().isEmpty()
                                        ? " (it sets no break policy: use --policy target)"
                                        : " (it has " + String.join(",", caps.breakPolicies()) + ")"),
                        2);
            }
        }
        return g;
    }

    /** The longest pause, late ack or late flush on a real-time target unless asked for more. */
    static final Duration REAL_TIME_MAX_WAIT = Duration.ofSeconds(5);

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
