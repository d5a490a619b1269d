package io.interlock.cli;

import io.interlock.reports.Baseline;
import io.interlock.reports.BaselineFile;
import io.interlock.reports.ResultKind;
import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Explorer;
import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.engine.ScenarioRunner;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.Targets;
import io.interlock.scenarios.targets.UnavailableTarget;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interlock run}: starts the target (by default the embedded server on ephemeral ports, its
 * portmapper's too: nothing binds or asks port 111, and the engine's clients connect to the
 * explicit ports; or {@code --target ...}), runs the scenario catalog (or the scenarios named),
 * the conformance suites ({@link SuiteOptions}; on the embedded target a second embedded server on a
 * virtual clock runs them, see {@link SuitesStep}) and a short explore budget, judges the results by
 * a baseline if one is given, writes run.json, report.html, junit.xml and summary.md, prints a
 * one-line summary and the report path, and exits non-zero if anything failed.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the scenario catalog, the conformance suites and a short explore against a target"
                + " (default: the embedded server) and write the report.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    Options options;

    @Option(
            names = "--scenario",
            paramLabel = "ID",
            description = "Run only this scenario (repeatable; 'none' for no scenario). Without --suite or --test,"
                    + " no suite runs then.")
    List<String> scenarios = new ArrayList<>();

    @Option(
            names = "--scenario-file",
            paramLabel = "FILE",
            description = "Run the scenario in this catalog-format YAML file, e.g. the regression scenario explore"
                    + " wrote for a failure (repeatable).")
    List<Path> scenarioFiles = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the run (default ${DEFAULT-VALUE}).")
    long seed = ScenarioRunner.DEFAULT_SEED;

    @Option(
            names = "--explore",
            paramLabel = "N",
            description = "After the catalog, explore N generated programs from the run's seed (embedded server"
                    + " only; 0: none; default ${DEFAULT-VALUE}, none when --scenario is given).")
    Integer explore;

    static final int DEFAULT_EXPLORE = 100;

    @Mixin
    SuiteOptions suiteOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // --test alone runs those suite tests only; --scenario (or --scenario-file) alone runs scenarios only
        boolean testsOnly = !suiteOptions.tests.isEmpty() && scenarios.isEmpty() && scenarioFiles.isEmpty();
        List<String> ids = testsOnly ? List.of("none") : scenarios;
        boolean none = scenarios.size() == 1 && scenarios.get(0).equalsIgnoreCase("none");
        boolean named = (!scenarios.isEmpty() && !none) || !scenarioFiles.isEmpty();
        boolean scenariosOnly = named && suiteOptions.suites.isEmpty() && suiteOptions.tests.isEmpty();
        boolean chosen = !scenarios.isEmpty() || !scenarioFiles.isEmpty() || testsOnly;
        int budget = explore != null ? explore : chosen ? 0 : DEFAULT_EXPLORE;
        if (budget < 0) {
            throw new UserError("--explore must be 0 or more", 2);
        }
        List<Scenario> selected =
                new ArrayList<>(scenarios.isEmpty() && !scenarioFiles.isEmpty() ? List.of() : select(ids));
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path f : scenarioFiles) {
            Scenario s = readScenario(f);
            selected.add(s);
            files.put(s.id(), f);
        }
        return options.execute(
                selected, seed, budget, files, spec.commandLine().getOut(), scenariosOnly ? null : suiteOptions);
    }

    /** Options shared by {@code run} and {@code replay}. */
    static final class Options {
        @Mixin
        ServerOptions server;

        @Mixin
        TargetOptions target;

        @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default ${DEFAULT-VALUE}).")
        Path out = Path.of("interlock-out");

        @Option(
                names = "--baseline",
                paramLabel = "FILE",
                description = "Known failures of the target (YAML): listed failures are KNOWN_FAIL, a listed"
                        + " scenario that passes is XPASS and fails the run.")
        Path baseline;

        @Option(names = "--verbose", description = "Debug logging.")
        boolean verbose;

        /** @param files scenarios read from files, by id: their repro line names the file */
        int execute(List<Scenario> selected, long runSeed, int exploreRuns, Map<String, Path> files, PrintWriter o) {
            return execute(selected, runSeed, exploreRuns, files, o, null);
        }

        /** With {@code suites} (null: none) run beside the scenarios. */
        int execute(
                List<Scenario> selected,
                long runSeed,
                int exploreRuns,
                Map<String, Path> files,
                PrintWriter o,
                SuiteOptions suites) {
            Logging.verbose(verbose);
            Targets.Request req = target.request();
            if (!Targets.isEmbedded(req) && server.anyGiven()) {
                throw new UserError(
                        "server options (--fault, --break-policy, --smb-port, ...) configure the embedded server;"
                                + " they do not apply to --target/--smb/--nfs",
                        2);
            }
            Baseline known = readBaseline(baseline);
            ServerConfig cfg = server.toConfig(EmbeddedTarget.ephemeralConfig());
            return RunCommand.execute(
                    () -> Targets.open(req, target.file(), () -> EmbeddedTarget.startLockstep(cfg)),
                    selected,
                    runSeed,
                    out,
                    known,
                    target.reproArgs(),
                    exploreRuns,
                    files,
                    o,
                    suites,
                    cfg);
        }
    }

    static Baseline readBaseline(Path file) {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError("baseline file not found: " + file, 2);
        }
        try {
            return BaselineFile.read(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** A scenario from a catalog-format YAML file. */
    static Scenario readScenario(Path file) {
        try {
            return ScenarioCatalog.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** The catalog, or the named scenarios in the order given. */
    static List<Scenario> select(List<String> ids) {
        List<Scenario> all = ScenarioCatalog.load();
        if (ids.size() == 1 && ids.get(0).equalsIgnoreCase("none")) {
            return List.of();
        }
        if (ids.isEmpty()) {
            return all;
        }
        List<Scenario> picked = new ArrayList<>();
        for (String id : ids) {
            picked.add(ScenarioCatalog.find(id)
                    .orElseThrow(() -> new UserError(
                            "unknown scenario '" + id + "' (known: "
                                    + all.stream().map(Scenario::id).toList() + ")",
                            2)));
        }
        return picked;
    }

    /** Opens the target (and is responsible for closing it). */
    interface TargetOpener {
        Target open() throws IOException;
    }

    static int execute(
            TargetOpener opener,
            List<Scenario> selected,
            long runSeed,
            Path out,
            Baseline baseline,
            String reproArgs,
            int exploreRuns,
            Map<String, Path> files,
            PrintWriter o,
            SuiteOptions suites,
            ServerConfig cfg) {
        Run run;
        Explorer.Outcome explored = null;
        try (Target target = open(opener)) {
            if (target instanceof UnavailableTarget u) {
                o.println("interlock: target unavailable here, every scenario is skipped: " + u.reason());
                o.flush();
            }
            run = selected.isEmpty()
                    ? new Run(java.time.Instant.now(), target.describe(), runSeed, List.of())
                    : ScenarioRunner.run(selected, target, runSeed);
            run = run.withScenarios(run.scenarios().stream()
                    .map(r -> files.containsKey(r.id())
                            ? r.withRepro("interlock run --scenario-file " + files.get(r.id()) + " --seed " + runSeed)
                            : r)
                    .map(r -> r.withRepro(r.repro() + reproArgs))
                    .toList());
            if (suites != null) {
                SuiteOptions.Plan plan = suites.plan(target);
                List<ScenarioResult> all = new ArrayList<>(run.scenarios());
                all.addAll(
                        target instanceof EmbeddedTarget && cfg != null
                                ? SuitesStep.runEmbedded(cfg, plan, o)
                                : SuitesStep.run(target, plan, o));
                run = run.withScenarios(all);
            }
            if (exploreRuns > 0 && target instanceof EmbeddedTarget) {
                o.println("interlock: catalog done; exploring " + exploreRuns + " generated programs (seed " + runSeed
                        + ")");
                o.flush();
                Explorer.Settings s = new Explorer.Settings(
                        runSeed,
                        exploreRuns,
                        null,
                        io.interlock.scenarios.gen.ProgramGenerator.Settings.defaults(),
                        0,
                        1,
                        false,
                        300,
                        java.time.Duration.ofMinutes(2),
                        out.resolve("explore"));
                explored =
                        new Explorer(target, s, System::nanoTime).explore(new ExploreProgress(o, false, exploreRuns));
                List<ScenarioResult> all = new ArrayList<>(run.scenarios());
                all.addAll(ExploreResults.of(explored, runSeed, reproArgs, out));
                run = run.withScenarios(all);
            } else if (exploreRuns > 0) {
                o.println("interlock: explore skipped: off the embedded server programs run on real time (seconds"
                        + " each); run interlock explore with the same target options instead (" + target.describe()
                        + ")");
                o.flush();
            }
        }
        if (baseline != null) {
            run = baseline.apply(run);
        }
        Path html = ReportCommand.write(run, out);
        for (ScenarioResult r : run.scenarios()) {
            if (r.failed()) {
                o.println(r.verdict() + " " + r.id() + ": " + r.reason());
                if (r.baseline() != null) {
                    o.println("  baseline: " + r.baseline());
                }
                if (!r.repro().isEmpty()) {
                    o.println("  reproduce: " + r.repro());
                }
            }
        }
        long passed = run.count(Verdict.PASS) + run.count(Verdict.EXPECTED_FAIL);
        long expected = run.count(Verdict.EXPECTED_FAIL);
        long failed = run.count(Verdict.FAIL) + run.count(Verdict.ERROR) + run.count(Verdict.XPASS);
        o.printf("interlock: %d passed, %d failed, %d skipped", passed, failed, run.count(Verdict.SKIPPED));
        o.print(ResultKind.counts(run));
        if (baseline != null) {
            o.printf(
                    ", %d known failures (baseline), %d unexpected passes",
                    run.count(Verdict.KNOWN_FAIL), run.count(Verdict.XPASS));
        }
        o.println();
        if (explored != null) {
            o.printf(
                    java.util.Locale.ROOT,
                    "explore: %d programs, %d failed (%.0f programs/min)%n",
                    explored.runs(),
                    explored.failures().size(),
                    explored.programsPerMinute());
        }
        if (expected > 0) {
            o.printf(
                    "(%d of the passed scenarios showed the failure they predict, e.g. the lost write of the notify"
                            + " policy)%n",
                    expected);
        }
        o.println("report: " + html);
        o.flush();
        if (run.passed() && passed + run.count(Verdict.KNOWN_FAIL) == 0) {
            o.println("interlock: no scenario ran to a verdict (all skipped): treating the run as failed");
            o.flush();
            return 1;
        }
        return run.passed() ? 0 : 1;
    }

    private static Target open(TargetOpener opener) {
        try {
            return opener.open();
        } catch (IOException e) {
            throw new UserError("cannot start the target: " + e.getMessage(), 1);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }
}
