package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.gen.ChoiceStream;
import io.interlock.scenarios.gen.ProgramGenerator;
import io.interlock.scenarios.ops.NlmLockOp;
import io.interlock.scenarios.ops.PauseOp;
import io.interlock.scenarios.ops.ShareAddOp;
import io.interlock.scenarios.ops.ShareDisableOp;
import io.interlock.scenarios.ops.ShareListOp;
import io.interlock.scenarios.ops.ShareRemoveOp;
import io.interlock.scenarios.ops.Step;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.server.faults.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Exact replay (issue 7 §7): on the embedded target, in lockstep on a virtual clock, the same
 * recorded choices must give the same run every time: the same verdict, the same history signature
 * ({@link ReplayDiff#signature}) and the same scheduler decisions with the same enabled actions at
 * each. A replay that departs names the first decision where something the schedule does not
 * control (a client's own thread, a server timer on real time, an unseeded value, a settle declared
 * too early) changed what could happen next.
 *
 * <p>The programs are picked by what they contain, from one seed, so that the test follows the
 * generator: a caching SMB client, a blocking NLM lock, a pause past the break timeout, share
 * operations, two blocking NLM locks, and failing programs (a fault on), each run once and replayed {@value #REPLAYS}
 * times on one target (the server's counters carry over between runs, as in {@code interlock
 * replay --times}).
 */
class ReplayDeterminismIT {
    private static final long SEED = Long.getLong("interlock.replay.seed", 7);
    private static final int REPLAYS = 20;
    /** How many programs of the seed to look through for each kind. */
    private static final int SEARCH = 400;
    /**
     * The sweep: the first programs of the seed, whatever they hold, each replayed a few times
     * ({@code -Dinterlock.replay.sweep=N} and {@code -Dinterlock.replay.sweepReplays=R} widen it when
     * hunting a cause).
     */
    private static final int SWEEP = Integer.getInteger("interlock.replay.sweep", 24);

    private static final int SWEEP_REPLAYS = Integer.getInteger("interlock.replay.sweepReplays", 3);

    private record Wanted(String name, Predicate<Scenario> has) {}

    private static final List<Wanted> WANTED = List.of(
            new Wanted("caching SMB client that writes", p -> cachingWriter(p)),
            new Wanted("blocking NLM lock against an SMB holder", p -> blockingNlm(p) && uses(p, ClientSpec.SMB)),
            new Wanted(
                    "pause past the break timeout with a lease", p -> pastBreakTimeout(p) && uses(p, ClientSpec.SMB)),
            new Wanted(
                    "two blocking NLM locks",
                    p -> p.steps().stream()
                                    .filter(s -> s.op() instanceof NlmLockOp l && Boolean.TRUE.equals(l.block()))
                                    .count()
                            >= 2),
            new Wanted("share operations", p -> p.steps().stream().anyMatch(ReplayDeterminismIT::shareOp)),
            new Wanted("caching client, NFS client and a blocking lock", p -> cachingWriter(p) && blockingNlm(p)));

    @Test
    void generatedPrograms_replayedFromTheirChoices_agreeEveryTime() throws Exception {
        ProgramGenerator.Settings base = ProgramGenerator.Settings.defaults().withOps(5, 16);
        List<String> problems = new ArrayList<>();
        Map<String, String> table = new LinkedHashMap<>();
        try (EmbeddedTarget target = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            Explorer explorer = new Explorer(target, Explorer.Settings.of(SEED, 1, base), System::nanoTime);
            ProgramGenerator generator = new ProgramGenerator(base);
            java.util.Set<Integer> taken = new java.util.HashSet<>();
            for (Wanted w : WANTED) {
                int run = find(generator, w.has(), taken);
                taken.add(run);
                assertThat(run)
                        .as("a program with a " + w.name() + " among " + SEARCH)
                        .isNotNegative();
                Explorer.Run first = explorer.run(ChoiceStream.fromSeed(Explorer.runSeed(SEED, run)), run);
                table.put(w.name() + " (run " + run + ")", replayAll(explorer, first, problems));
            }
            // failing programs: each fault's bug found, replayed with the fault on (BREAK_TIMER_EARLY:
            // a break timer due at once, whose effects a settle once missed)
            for (Fault fault : List.of(Fault.SKIP_NFS_BREAK, Fault.BREAK_TIMER_EARLY)) {
                Explorer faulty = new Explorer(
                        target,
                        Explorer.Settings.of(SEED, 1, base.withFaults(List.of(fault.name()))),
                        System::nanoTime);
                Explorer.Run failing = null;
                for (int i = 0; i < SEARCH && failing == null; i++) {
                    Explorer.Run r = faulty.run(ChoiceStream.fromSeed(Explorer.runSeed(SEED, i)), i);
                    if (r.signature() != null) {
                        failing = r;
                    }
                }
                assertThat(failing).as("a failing program with " + fault).isNotNull();
                table.put(fault + " failure " + ReplayDiff.verdict(failing), replayAll(faulty, failing, problems));
            }
        }
        table.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println("replay determinism: " + problems.size() + " departures");
        problems.forEach(System.out::println);
        assertThat(problems).as("replays that departed from the first run").isEmpty();
    }

    @Test
    void firstProgramsOfASeed_replayedFromTheirChoices_agreeEveryTime() throws Exception {
        ProgramGenerator.Settings base = ProgramGenerator.Settings.defaults().withOps(4, 20);
        List<String> problems = new ArrayList<>();
        try (EmbeddedTarget target = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            Explorer explorer = new Explorer(target, Explorer.Settings.of(SEED, 1, base), System::nanoTime);
            for (int i = 0; i < SWEEP; i++) {
                Explorer.Run first = explorer.run(ChoiceStream.fromSeed(Explorer.runSeed(SEED, i)), i);
                replayAll(explorer, first, problems, SWEEP_REPLAYS);
            }
        }
        System.out.println("replay determinism sweep: " + problems.size() + " departures");
        problems.forEach(System.out::println);
        assertThat(problems).as("replays that departed from the first run").isEmpty();
    }

    private static String replayAll(Explorer explorer, Explorer.Run first, List<String> problems) {
        return replayAll(explorer, first, problems, REPLAYS);
    }

    /** Replays {@code first}'s choices; every departure goes to {@code problems}; the verdict count. */
    private static String replayAll(Explorer explorer, Explorer.Run first, List<String> problems, int times) {
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        verdicts.merge(ReplayDiff.verdict(first), 1, Integer::sum);
        for (int i = 0; i < times; i++) {
            Explorer.Run r = explorer.replay(first.choices());
            verdicts.merge(ReplayDiff.verdict(r), 1, Integer::sum);
            ReplayDiff.firstDivergence(first, r)
                    .ifPresent(d ->
                            problems.add(first.result().repro() + "\n  (replay " + (problems.size() + 1) + ")\n" + d));
        }
        return verdicts.toString();
    }

    /** The first program of the seed, not yet taken, that has what {@code has} asks for. */
    private static int find(ProgramGenerator generator, Predicate<Scenario> has, java.util.Set<Integer> taken) {
        for (int i = 0; i < SEARCH; i++) {
            if (taken.contains(i)) {
                continue;
            }
            Scenario p = generator.generate(ChoiceStream.fromSeed(Explorer.runSeed(SEED, i)), "explore-" + i);
            if (has.test(p)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean uses(Scenario p, String protocol) {
        return p.uses(protocol);
    }

    private static boolean cachingWriter(Scenario p) {
        return p.clients().entrySet().stream()
                .anyMatch(c -> c.getValue().isCaching()
                        && p.steps().stream()
                                .anyMatch(s -> c.getKey().equals(s.client())
                                        && s.name().equals("smb.write")));
    }

    private static boolean blockingNlm(Scenario p) {
        return p.steps().stream().anyMatch(s -> s.op() instanceof NlmLockOp l && Boolean.TRUE.equals(l.block()));
    }

    /** A pause longer than the default break timeout (35 s): the server's break timer fires. */
    private static boolean pastBreakTimeout(Scenario p) {
        return p.steps().stream()
                .anyMatch(s -> s.op() instanceof PauseOp o && o.duration().compareTo(Duration.ofSeconds(35)) > 0);
    }

    private static boolean shareOp(Step s) {
        return s.op() instanceof ShareAddOp
                || s.op() instanceof ShareRemoveOp
                || s.op() instanceof ShareDisableOp
                || s.op() instanceof ShareListOp;
    }
}
