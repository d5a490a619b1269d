package io.interlock.scenarios.engine;

import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.gen.ChoiceStream;
import io.interlock.scenarios.gen.Choices;
import io.interlock.scenarios.gen.ProgramGenerator;
import io.interlock.scenarios.gen.ShrinkBudget;
import io.interlock.scenarios.gen.ShrinkResult;
import io.interlock.scenarios.gen.Shrinker;
import io.interlock.scenarios.targets.Target;
import java.time.Duration;
import java.util.ArrayList;
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
            Duration shrinkTime) {
        public Settings {
            if (shards < 1 || shard < 0 || shard >= shards) {
                throw new IllegalArgumentException("shard must be i/N with 0 <= i < N, got " + shard + "/" + shards);
            }
            if (runs <= 0 && time == null) {
                throw new IllegalArgumentException("explore needs a number of runs or a time budget");
            }
        }

        public static Settings of(long seed, int runs, ProgramGenerator.Settings generator) {
            return new Settings(seed, runs, null, generator, 0, 1, false, 200, Duration.ofSeconds(60));
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
            long shrinkMillis) {}

    /**
     * @param runs programs run
     * @param failures failing runs, shrunk
     * @param millis wall time
     * @param passed the results of the passing runs that ended in a verdict (not kept in full)
     */
    public record Outcome(int runs, List<Failure> failures, long millis, int passed) {
        public double programsPerMinute() {
            return millis == 0 ? 0 : runs * 60_000.0 / millis;
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
        this.target = target;
        this.settings = settings;
        this.generator = new ProgramGenerator(settings.generator());
        this.clock = clock;
    }

    /** The seed of run {@code i}: SplitMix64 of the campaign seed and i, so shards agree on it. */
    static long runSeed(long seed, int i) {
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
        for (int i = settings.shard(); ; i += settings.shards()) {
            if (settings.runs() > 0 && runs >= settings.runs()) {
                break;
            }
            if (clock.getAsLong() - deadline >= 0) {
                break;
            }
            ChoiceStream cs = ChoiceStream.fromSeed(runSeed(settings.seed(), i));
            Run r = run(cs, i);
            runs++;
            listener.ran(runs, failures.size(), (clock.getAsLong() - t0) / 1_000_000);
            if (r.signature() == null) {
                passed++;
                continue;
            }
            listener.failed(i, r.signature(), r.result());
            failures.add(shrink(i, r, listener));
            listener.shrunk(failures.get(failures.size() - 1));
            if (!settings.keepGoing()) {
                break;
            }
        }
        return new Outcome(runs, failures, (clock.getAsLong() - t0) / 1_000_000, passed);
    }

    /** One run and what it recorded. */
    public record Run(Scenario program, ScenarioResult result, String signature, Choices choices) {}

    /** Runs the program and schedule {@code cs} describes (fresh or replayed). */
    public Run run(ChoiceStream cs, int index) {
        Scenario program = generator.generate(cs, "explore-" + index);
        try (ProgramRun x = new ProgramRun(program, target, index, new ChoiceSchedule(cs), false)) {
            x.repro(repro(null));
            ScenarioResult result = x.execute();
            Choices c = cs.choices();
            String sig = result.verdict() == io.interlock.reports.Verdict.ERROR ? "error" : x.signature();
            return new Run(program, result.withRepro(repro(c)), sig, c);
        }
    }

    /** Replays recorded choices: the same program and the same schedule. */
    public Run replay(Choices choices) {
        return run(ChoiceStream.replay(choices), 0);
    }

    private Failure shrink(int index, Run original, Listener listener) {
        long t0 = clock.getAsLong();
        int[] step = {0};
        Shrinker shrinker = new Shrinker(
                ShrinkBudget.until(
                        settings.shrinkRuns(), clock, t0 + settings.shrinkTime().toNanos()),
                s -> listener.shrinking(++step[0], s.bestSize(), s.accepted()));
        Run[] best = {original};
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
                (clock.getAsLong() - t0) / 1_000_000);
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
        return b.toString();
    }
}
