package io.interlock.cli;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Explorer;
import io.interlock.scenarios.gen.Choices;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.Targets;
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
 *       {@code --times N} replays it N times and counts the verdicts (the replays must agree). On
 *       any other target ({@code --target}, {@code --smb}/{@code --nfs}) the same program runs with
 *       its steps started in the same order, but frames pass at once on real time: the interleaving
 *       of frames is the server's, and {@code --times N} counts how often replays depart.
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
        if (options.server.anyGivenBesidesFaults() || options.baseline != null) {
            throw new UserError(
                    "--choices replays a generated program as explore ran it: of the server options only --fault"
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
        Instant started = Instant.now();
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        List<Long> millis = new ArrayList<>();
        ScenarioResult first = null;
        Explorer.Run reference = null;
        int diverged = 0;
        String described;
        Targets.Request req = options.target.request();
        try (Target t = ExploreCommand.open(req, options.target.file())) {
            described = t.describe();
            Explorer.Settings s;
            try {
                s = new Explorer.Settings(
                        0,
                        1,
                        null,
                        ExploreCommand.generator(program, options.server.faults, t, Targets.isEmbedded(req)),
                        0,
                        1,
                        false,
                        0,
                        Duration.ZERO,
                        null,
                        program.quiet());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), 2);
            }
            if (!Targets.isEmbedded(req)) {
                o.println("interlock: replaying on " + described);
                o.println("interlock: " + ExploreCommand.WATCHED_NOTE
                        + (times > 1 ? " Departures between replays are the server's timing, reported below." : ""));
                o.flush();
            }
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
