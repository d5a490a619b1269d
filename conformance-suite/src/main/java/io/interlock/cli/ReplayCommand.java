package io.interlock.cli;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Explorer;
import io.interlock.scenarios.gen.Choices;
import io.interlock.scenarios.targets.EmbeddedTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code interlock replay}: runs a failure again exactly as its repro line says. Two forms:
 *
 * <ul>
 *   <li>{@code replay SCENARIO --seed N}: one catalog scenario (its schedule, if it carries one);
 *   <li>{@code replay --choices X --clients .. --ops .. [--policy ..] [--fault ..]}: the generated
 *       program and the interleaving the recorded choices make, in lockstep on the embedded server.
 *       {@code --times N} replays it N times and counts the verdicts (the replays must agree).
 * </ul>
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replay a failure from its repro line: a catalog scenario with its seed, or an explored"
                + " program and interleaving from its recorded choices.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SCENARIO",
            description = "Catalog scenario id, as in the repro line.")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "The seed from the repro line (catalog scenarios).")
    Long seed;

    @Option(
            names = "--choices",
            paramLabel = "CHOICES",
            description = "The recorded choices from an explore repro line: the program and its interleaving.")
    String choices;

    @Mixin
    ExploreOptions program;

    @Option(
            names = "--times",
            paramLabel = "N",
            description = "With --choices: replay N times and report whether every replay agrees (default 1).")
    int times = 1;

    @Option(
            names = "--diff",
            description = "With --times: print where each replay first departs from the first one (decision index,"
                    + " both lists of enabled actions, the first history event that differs).")
    boolean diff;

    @Option(names = "--pcap", paramLabel = "FILE", description = "With --choices: write the wire of the replay here.")
    Path pcap;

    @Mixin
    RunCommand.Options options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (choices == null) {
            if (scenario == null) {
                throw new UserError("replay needs a SCENARIO (with --seed) or --choices, as the repro line gives", 2);
            }
            return options.execute(
                    RunCommand.select(List.of(scenario)),
                    seed == null ? io.interlock.scenarios.engine.ScenarioRunner.DEFAULT_SEED : seed,
                    0,
                    Map.of(),
                    o);
        }
        if (scenario != null || seed != null) {
            throw new UserError("--choices replays a generated program: give no SCENARIO and no --seed", 2);
        }
        return replayChoices(o);
    }

    private int replayChoices(PrintWriter o) {
        Logging.verbose(options.verbose);
        ExploreCommand.requireEmbedded(options.target.request());
        if (options.server.anyGivenBesidesFaults() || options.baseline != null) {
            throw new UserError(
                    "--choices replays on the embedded server as explore ran it: of the server options only --fault"
                            + " applies",
                    2);
        }
        if (times < 1) {
            throw new UserError("--times must be at least 1", 2);
        }
        Choices recorded;
        try {
            recorded = Choices.decode(choices);
        } catch (IllegalArgumentException e) {
            throw new UserError("--choices: " + e.getMessage(), 2);
        }
        Explorer.Settings s = new Explorer.Settings(
                0, 1, null, program.settings(options.server.faults), 0, 1, false, 0, Duration.ZERO, null);
        Instant started = Instant.now();
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        List<Long> millis = new ArrayList<>();
        ScenarioResult first = null;
        Explorer.Run reference = null;
        int diverged = 0;
        String described;
        try (EmbeddedTarget t = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            described = t.describe();
            Explorer explorer = new Explorer(t, s, System::nanoTime);
            for (int i = 0; i < times; i++) {
                long t0 = System.nanoTime();
                Explorer.Run r =
                        explorer.run(io.interlock.scenarios.gen.ChoiceStream.replay(recorded), 0, i == 0 ? pcap : null);
                millis.add((System.nanoTime() - t0) / 1_000_000);
                String v = io.interlock.scenarios.engine.ReplayDiff.verdict(r);
                verdicts.merge(v, 1, Integer::sum);
                if (reference == null) {
                    reference = r;
                } else {
                    var d = io.interlock.scenarios.engine.ReplayDiff.firstDivergence(reference, r);
                    if (d.isPresent()) {
                        diverged++;
                        if (diff) {
                            o.println("replay " + (i + 1) + " departs from replay 1:");
                            o.print(d.get());
                            o.flush();
                        }
                    }
                }
                if (first == null) {
                    first = r.result().withRepro(r.result().repro() + options.target.reproArgs());
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot start the embedded server: " + e.getMessage(), 1);
        }
        Run run = new Run(started, described, 0, List.of(first));
        Path html = ReportCommand.write(run, options.out);
        o.println(first.verdict() + " " + first.id() + ": " + first.reason());
        if (pcap != null) {
            o.println("pcap: " + pcap.toAbsolutePath().normalize());
        }
        if (times > 1) {
            millis.sort(Long::compare);
            o.printf(
                    Locale.ROOT,
                    "replay: %d times: %s; %s; %d of %d replays departed from the first (decisions or history);"
                            + " median %d ms, max %d ms%n",
                    times,
                    verdicts,
                    verdicts.size() == 1 ? "every replay agrees" : "THE REPLAYS DISAGREE",
                    diverged,
                    times - 1,
                    millis.get(millis.size() / 2),
                    millis.get(millis.size() - 1));
        }
        o.println("report: " + html);
        o.flush();
        boolean agree = verdicts.size() == 1;
        return first.verdict() == Verdict.PASS && agree ? 0 : 1;
    }
}
