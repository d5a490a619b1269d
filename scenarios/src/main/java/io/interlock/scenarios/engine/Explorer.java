package io.interlock.scenarios.engine;

import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.gen.ChoiceStream;
import io.interlock.scenarios.gen.Choices;
import io.interlock.scenarios.gen.ProgramGenerator;
import io.interlock.scenarios.gen.ShrinkBudget;
import io.interlock.scenarios.gen.ShrinkResult;
import io.interlock.scenarios.gen.Shrinker;
import io.interlock.scenarios.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A campaign: programs generated from a seed, each run in lockstep with its schedule drawn from the
 * same choice stream, every run checked; a failing run is shrunk on its recorded choices to the
 * smallest run that still fails the same way, and printed as a catalog scenario plus one repro line.
 */
public final class Explorer {

    /**
     * What to explore.
     *
     * @param seed the campaign's seed: run {@code i} draws from a stream seeded by (seed, i)
     * @param runs most programs to run (0: no limit but {@code time})
     * @param time wall-time budget (null: none)
     * @param generator what programs look like
     * @param shard this shard's index, from 0
     * @param shards how many shards split the runs (run i belongs to shard i mod shards)
     * @param keepGoing go on after the first failure
     * @param shrinkRuns most reruns one shrink may take
     * @param shrinkTime wall-time budget of one shrink
     * @param artifacts where each failure's pcaps and regression scenario go (null: nowhere)
     * @param quiet on a target the engine cannot put in lockstep (any but the embedded one): how
     *     long no byte may pass the wire proxy before the system counts as settled ({@link
     *     WireWatch}); lockstep runs ignore it
     */
    public record Settings(
            long seed,
            int runs,
            Duration time,
            ProgramGenerator.Settings generator,
            int shard,
            int shards,
            boolean keepGoing,
            int shrinkRuns,
            Duration shrinkTime,
            Path artifacts,
            Duration quiet) {
        /** The quiet period of a watched run unless told otherwise. */
        public static final Duration DEFAULT_QUIET = Duration.ofMillis(100);

        public Settings {
            if (quiet == null || quiet.isNegative() || quiet.isZero()) {
                throw new IllegalArgumentException("the quiet period must be positive, got " + quiet);
            }
            if (shards < 1 || shard < 0 || shard >= shards) {
                throw new IllegalArgumentException("shard must be i/N with 0 <= i < N, got " + shard + "/" + shards);
            }
            if (runs <= 0 && time == null) {
                throw new IllegalArgumentException("explore needs a number of runs or a time budget");
            }
        }

        /** Settings with the default quiet period. */
        public Settings(
                long seed,
                int runs,
                Duration time,
                ProgramGenerator.Settings generator,
                int shard,
                int shards,
                boolean keepGoing,
                int shrinkRuns,
                Duration shrinkTime,
                Path artifacts) {
            this(
                    seed,
                    runs,
                    time,
                    generator,
                    shard,
                    shards,
                    keepGoing,
                    shrinkRuns,
                    shrinkTime,
                    artifacts,
                    DEFAULT_QUIET);
        }

        public static Settings of(long seed, int runs, ProgramGenerator.Settings generator) {
            return new Settings(seed, runs, null, generator, 0, 1, false, 200, Duration.ofSeconds(60), null);
        }
    }

    /**
     * One failing run, original and shrunk.
     *
     * @param run the run's index in the campaign
     * @param choices the run's recorded choices
     * @param program the generated program
     * @param result its result (the history of the original interleaving)
     * @param signature what it failed (a rule ID, "hang", ...)
     * @param shrunkChoices the smallest failing choices found
     * @param shrunkProgram the program they generate
     * @param shrunkResult the shrunk run's result
     * @param shrinkRuns reruns the shrink took
     * @param shrinkMillis wall time of the shrink
     * @param regression the shrunk program with its interleaving, as a catalog scenario
     * @param files the failure's artifacts: pcaps of both runs, the regression scenario (empty when
     *     the settings name no artifact directory)
     * @param reproduced whether replaying the original choices failed the same way; when not, the
     *     engine let something decide the outcome that its schedule does not control (a defect of
     *     the engine, or a server whose behaviour depends on timing), and nothing was shrunk
     */
    public record Failure(
            int run,
            Choices choices,
            Scenario program,
            ScenarioResult result,
            String signature,
            Choices shrunkChoices,
            Scenario shrunkProgram,
            ScenarioResult shrunkResult,
            int shrinkRuns,
            long shrinkMillis,
            Scenario regression,
            List<Path> files,
            boolean reproduced) {
        public Failure {
            files = List.copyOf(files);
        }

        /** The id failures are reported under: explore-RUN. */
        public String id() {
            return "explore-" + run;
        }
    }

    /**
     * @param runs programs run
     * @param failures failing runs, shrunk
     * @param millis wall time
     * @param passed the results of the passing runs that ended in a verdict (not kept in full)
     * @param runMillis the part of {@code millis} spent running programs (not shrinking them)
     * @param skipped programs the target could not run (counted in {@code runs}, not in {@code passed})
     */
    public record Outcome(int runs, List<Failure> failures, long millis, int passed, long runMillis, int skipped) {
        /** Programs per minute of exploring: shrinking (and its reruns) left out. */
        public double programsPerMinute() {
            return runMillis == 0 ? 0 : runs * 60_000.0 / runMillis;
        }
    }

    /** Progress, for a terminal bar or CI lines. */
    public interface Listener {
        default void ran(int runs, int failures, long millis) {}

        default void failed(int run, String signature, ScenarioResult result) {}

        default void shrinking(int step, int size, boolean accepted) {}

        default void shrunk(Failure f) {}
    }

    private final Target target;
    private final Settings settings;
    private final ProgramGenerator generator;
    private final LongSupplier clock;

    /** @param clock wall time in nanoseconds (budgets only; decisions never read it) */
    public Explorer(Target target, Settings settings, LongSupplier clock) {
        this(target, settings, clock, "");
    }

    /**
     * @param targetArgs what a repro line must add to name the target (" --target samba+ganesha"),
     *     for the regression scenario's comment; results carry the bare line (callers append it)
     */
    public Explorer(Target target, Settings settings, LongSupplier clock, String targetArgs) {
        this.target = target;
        this.settings = settings;
        this.generator = new ProgramGenerator(settings.generator());
        this.clock = clock;
        this.targetArgs = targetArgs;
    }

    private final String targetArgs;

    /** The seed of run {@code i}: SplitMix64 of the campaign seed and i, so shards agree on it. */
    public static long runSeed(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public Outcome explore(Listener listener) {
        long t0 = clock.getAsLong();
        long deadline =
                settings.time() == null ? Long.MAX_VALUE : t0 + settings.time().toNanos();
        List<Failure> failures = new ArrayList<>();
        int runs = 0;
        int passed = 0;
        int skipped = 0;
        long runNanos = 0;
        for (int i = settings.shard(); ; i += settings.shards()) {
            if (settings.runs() > 0 && runs >= settings.runs()) {
                break;
            }
            if (clock.getAsLong() - deadline >= 0) {
                break;
            }
            ChoiceStream cs = ChoiceStream.fromSeed(runSeed(settings.seed(), i));
            long r0 = clock.getAsLong();
            Run r = run(cs, i);
            runNanos += clock.getAsLong() - r0;
            runs++;
            listener.ran(runs, failures.size(), (clock.getAsLong() - t0) / 1_000_000);
            if (r.signature() == null) {
                if (r.result().verdict() == io.interlock.reports.Verdict.SKIPPED) {
                    skipped++;
                } else {
                    passed++;
                }
                continue;
            }
            listener.failed(i, r.signature(), r.result());
            failures.add(shrink(i, r, listener));
            listener.shrunk(failures.get(failures.size() - 1));
            if (!settings.keepGoing()) {
                break;
            }
        }
        return new Outcome(runs, failures, (clock.getAsLong() - t0) / 1_000_000, passed, runNanos / 1_000_000, skipped);
    }

    /**
     * One run and what it recorded.
     *
     * @param signature what it failed (null: it passed)
     * @param programChoices how many of {@code choices} made the program; the rest are the schedule's
     * @param decisions the scheduler's decisions, one line each (see {@code ProgramRun#decisions})
     */
    public record Run(
            Scenario program,
            ScenarioResult result,
            String signature,
            Choices choices,
            int programChoices,
            List<String> decisions) {
        public Run {
            decisions = List.copyOf(decisions);
        }

        /** The scheduler's part of the choices, encoded ({@link Scenario#schedule()}). */
        public String schedule() {
            long[] all = choices.values();
            return Choices.of(Arrays.copyOfRange(all, Math.min(programChoices, all.length), all.length))
                    .encode();
        }
    }

    /** Runs the program and schedule {@code cs} describes (fresh or replayed). */
    public Run run(ChoiceStream cs, int index) {
        return run(cs, index, null);
    }

    /** As {@link #run(ChoiceStream, int)}, writing the wire to a pcap at {@code pcap} (null: none). */
    public Run run(ChoiceStream cs, int index, Path pcap) {
        Scenario program = generator.generate(cs, "explore-" + index);
        int programChoices = cs.position();
        // the clients' GUIDs, lease keys and xids follow from the program's choices, not from the
        // run's index (a replay runs as index 0): the same program sends the same bytes
        long valueSeed = Arrays.hashCode(Arrays.copyOf(
                cs.choices().values(), Math.min(programChoices, cs.choices().size())));
        try (ProgramRun x = new ProgramRun(program, target, index, new ChoiceSchedule(cs), false, valueSeed)) {
            x.repro(repro(null));
            x.watch(settings.quiet());
            if (pcap != null) {
                x.pcap(pcap);
            }
            ScenarioResult result = x.execute();
            Choices c = cs.choices();
            // a program the target cannot run (it offers no directory leases, say) is no failure
            String sig = result.verdict() == io.interlock.reports.Verdict.ERROR
                    ? "error"
                    : result.verdict() == io.interlock.reports.Verdict.SKIPPED ? null : x.signature();
            return new Run(program, result.withRepro(repro(c)), sig, c, programChoices, x.decisions());
        }
    }

    /** Replays recorded choices: the same program and the same schedule. */
    public Run replay(Choices choices) {
        return run(ChoiceStream.replay(choices), 0);
    }

    /**
     * Checks that a failing run fails again on replay, then shrinks it (see {@link Failure}); what
     * {@link #explore} does with each failure, for callers that find failures their own way.
     */
    public Failure shrink(int index, Run original, Listener listener) {
        long t0 = clock.getAsLong();
        int[] step = {0};
        Shrinker shrinker = new Shrinker(
                ShrinkBudget.until(
                        settings.shrinkRuns(), clock, t0 + settings.shrinkTime().toNanos()),
                s -> listener.shrinking(++step[0], s.bestSize(), s.accepted()));
        Run[] best = {original};
        // the shrinker's first rerun replays the original choices: if that does not fail the same
        // way, something the schedule does not decide changed the outcome; shrinking would chase
        // noise, so the shrinker stops there and the failure is reported as it was
        ShrinkResult sr = shrinker.shrinkRecorded(original.choices(), c -> {
            Run r = replay(c);
            if (original.signature().equals(r.signature())) {
                if (r.choices().isSimplerThan(best[0].choices()) || best[0] == original) {
                    best[0] = r;
                }
                return Optional.of(r.choices());
            }
            return Optional.empty();
        });
        Run shrunk = best[0];
        if (!shrunk.choices().sameValues(sr.shrunk())) {
            shrunk = replay(sr.shrunk());
        }
        long shrinkMillis = (clock.getAsLong() - t0) / 1_000_000;
        String where = " (seed " + settings.seed() + ", run " + index + ")";
        Scenario regression = shrunk.program()
                .faultsAsDetects()
                .withSchedule(shrunk.schedule())
                .named(
                        "explore-" + index + "-" + slug(original.signature()),
                        sr.reproduced()
                                ? original.signature() + " found by explore" + where + ", shrunk"
                                : original.signature() + " seen by explore" + where + ", did not reproduce on replay");
        List<Path> files = !sr.reproduced() || settings.artifacts() == null
                ? List.of()
                : artifacts(index, original, shrunk, regression);
        return new Failure(
                index,
                original.choices(),
                original.program(),
                original.result(),
                original.signature(),
                sr.shrunk(),
                shrunk.program(),
                shrunk.result(),
                sr.runs(),
                shrinkMillis,
                regression,
                files,
                sr.reproduced());
    }

    /**
     * Replays the original and the shrunk run once more, each writing a pcap, and writes the
     * regression scenario. A replay that does not fail the same way is said so in the scenario's
     * comment (it should not happen: the runs are deterministic).
     */
    private List<Path> artifacts(int index, Run original, Run shrunk, Scenario regression) {
        Path dir = settings.artifacts();
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Path originalPcap = dir.resolve("explore-" + index + "-original.pcap");
            Path shrunkPcap = dir.resolve("explore-" + index + "-shrunk.pcap");
            Run o = run(ChoiceStream.replay(original.choices()), index, originalPcap);
            Run s = run(ChoiceStream.replay(shrunk.choices()), index, shrunkPcap);
            files.add(originalPcap);
            files.add(shrunkPcap);
            Path yaml = dir.resolve(regression.id() + ".yaml");
            List<String> comment = new ArrayList<>(List.of(
                    "Found by interlock explore (seed " + settings.seed() + ", run " + index + ") and shrunk from "
                            + original.program().clients().size() + " clients / "
                            + original.program().steps().size() + " ops.",
                    "Fails: " + shrunk.result().reason(),
                    "Replay: " + shrunk.result().repro() + targetArgs,
                    "`schedule` holds the interleaving that fails; commit this file to the catalog as a regression"
                            + " test."));
            if (!regression.detects().isEmpty()) {
                comment.add("It fails only with the fault in `detects` on: interlock run --scenario-file FILE --fault "
                        + String.join(" --fault ", regression.detects()) + "; without it the server is correct and it"
                        + " passes.");
            }
            if (!original.signature().equals(o.signature())
                    || !original.signature().equals(s.signature())) {
                comment.add("NOTE: the pcap replays ended " + o.signature() + " / " + s.signature() + ", not "
                        + original.signature() + ".");
            }
            Files.writeString(yaml, ScenarioYaml.write(regression, comment));
            files.add(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the failure's artifacts to " + dir, e);
        }
        return files;
    }

    /** A file-name-safe form of a signature: R-XP-1 -> r-xp-1. */
    private static String slug(String signature) {
        String s = signature.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "failure" : s;
    }

    /** The one line that replays the run {@code c} records (or, with null, the campaign). */
    public String repro(Choices c) {
        ProgramGenerator.Settings g = settings.generator();
        StringBuilder b = new StringBuilder("interlock replay");
        if (c != null) {
            b.append(" --choices ").append(c.encode());
        }
        b.append(" --clients ").append(g.minClients()).append("..").append(g.maxClients());
        b.append(" --ops ").append(g.minOps()).append("..").append(g.maxOps());
        if (!g.policies().isEmpty()) {
            b.append(" --policy ").append(String.join(",", g.policies()));
        }
        g.faults().forEach(f -> b.append(" --fault ").append(f));
        if (!g.shares()) {
            b.append(" --no-shares");
        }
        if (!g.leases()) {
            b.append(" --no-leases");
        }
        if (g.maxWait() != null) {
            b.append(" --max-wait ").append(g.maxWait().toMillis()).append("ms");
        }
        if (!settings.quiet().equals(Settings.DEFAULT_QUIET)) {
            b.append(" --quiet ").append(settings.quiet().toMillis()).append("ms");
        }
        return b.toString();
    }
}
