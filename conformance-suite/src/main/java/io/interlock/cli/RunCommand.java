package io.interlock.cli;

import io.interlock.reports.Reports;
import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.engine.ScenarioRunner;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interlock run}: starts the embedded server on ephemeral ports (its portmapper's too: nothing
 * binds or asks port 111, and the engine's clients connect to the explicit ports), runs the scenario catalog
 * (or the scenarios named) and the conformance suites ({@link SuiteOptions}; on a second embedded
 * server on a virtual clock, see {@link SuitesStep}), writes run.json, report.html, junit.xml and
 * summary.md, prints a one-line summary and the report path, and exits non-zero if anything
 * failed.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the scenario catalog and the conformance suites against the embedded server and write"
                + " the report.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    Options options;

    @Option(
            names = "--scenario",
            paramLabel = "ID",
            description = "Run only this scenario (repeatable; 'none' for no scenario). Without --suite or --test,"
                    + " no suite runs then.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the run (default ${DEFAULT-VALUE}).")
    long seed = ScenarioRunner.DEFAULT_SEED;

    @Mixin
    SuiteOptions suiteOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // --test alone runs those suite tests only; --scenario alone runs those scenarios only
        List<String> ids = !suiteOptions.tests.isEmpty() && scenarios.isEmpty() ? List.of("none") : scenarios;
        boolean named = !scenarios.isEmpty()
                && !(scenarios.size() == 1 && scenarios.get(0).equalsIgnoreCase("none"));
        boolean scenariosOnly = named && suiteOptions.suites.isEmpty() && suiteOptions.tests.isEmpty();
        return options.execute(select(ids), seed, spec.commandLine().getOut(), scenariosOnly ? null : suiteOptions);
    }

    /** Options shared by {@code run} and {@code replay}. */
    static final class Options {
        @Mixin
        ServerOptions server;

        @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default ${DEFAULT-VALUE}).")
        Path out = Path.of("interlock-out");

        @Option(names = "--verbose", description = "Debug logging.")
        boolean verbose;

        int execute(List<Scenario> selected, long runSeed, PrintWriter o) {
            return execute(selected, runSeed, o, null);
        }

        /** With {@code suites} (null: none) run beside the scenarios. */
        int execute(List<Scenario> selected, long runSeed, PrintWriter o, SuiteOptions suites) {
            Logging.verbose(verbose);
            ServerConfig cfg = server.toConfig(EmbeddedTarget.ephemeralConfig());
            return RunCommand.execute(cfg, selected, runSeed, out, o, suites);
        }
    }

    /** The catalog, or the named scenarios in the order given; {@code none} selects nothing. */
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

    static int execute(ServerConfig cfg, List<Scenario> selected, long runSeed, Path out, PrintWriter o) {
        return execute(cfg, selected, runSeed, out, o, null);
    }

    /** " (22 scenarios, 177 suite tests)" when the run holds more than scenarios, else "". */
    static String kinds(Run run) {
        java.util.Map<io.interlock.reports.ResultKind, Long> n =
                new java.util.EnumMap<>(io.interlock.reports.ResultKind.class);
        run.scenarios().forEach(r -> n.merge(io.interlock.reports.ResultKind.of(r), 1L, Long::sum));
        if (n.keySet().stream().allMatch(k -> k == io.interlock.reports.ResultKind.SCENARIO)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        n.forEach((k, c) -> parts.add(c + " " + k.label() + (c == 1 ? "" : "s")));
        return " (" + String.join(", ", parts) + ")";
    }

    static int execute(
            ServerConfig cfg, List<Scenario> selected, long runSeed, Path out, PrintWriter o, SuiteOptions suites) {
        Run run;
        try (EmbeddedTarget target = EmbeddedTarget.start(cfg)) {
            run = selected.isEmpty()
                    ? new Run(java.time.Instant.now(), target.describe(), runSeed, List.of())
                    : ScenarioRunner.run(selected, target, runSeed);
            if (suites != null) {
                List<ScenarioResult> all = new ArrayList<>(run.scenarios());
                all.addAll(SuitesStep.runEmbedded(cfg, suites.plan(target), target, o));
                run = new Run(run.startedAt(), run.target(), run.seed(), all);
            }
        } catch (IOException e) {
            throw new UserError("cannot start the embedded server: " + e.getMessage(), 1);
        }
        try {
            Reports.writeAll(run, out);
        } catch (IOException e) {
            throw new UserError("cannot write the report to " + out + ": " + e.getMessage(), 1);
        }
        for (ScenarioResult r : run.scenarios()) {
            if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR) {
                o.println(r.verdict() + " " + r.id() + ": " + r.reason());
                o.println("  reproduce: " + r.repro());
            }
        }
        long passed = run.count(Verdict.PASS) + run.count(Verdict.EXPECTED_FAIL);
        long expected = run.count(Verdict.EXPECTED_FAIL);
        o.printf(
                "interlock: %d passed, %d failed, %d skipped%s%n",
                passed, run.count(Verdict.FAIL) + run.count(Verdict.ERROR), run.count(Verdict.SKIPPED), kinds(run));
        if (expected > 0) {
            o.printf(
                    "(%d of the passed scenarios showed the failure they predict, e.g. the lost write of the notify"
                            + " policy)%n",
                    expected);
        }
        o.println("report: " + out.resolve(Reports.HTML).toAbsolutePath().normalize());
        o.flush();
        if (run.passed() && passed == 0) {
            o.println("interlock: no scenario ran to a verdict (all skipped): treating the run as failed");
            o.flush();
            return 1;
        }
        return run.passed() ? 0 : 1;
    }
}
