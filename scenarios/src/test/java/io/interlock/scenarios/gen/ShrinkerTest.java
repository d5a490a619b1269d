package io.interlock.scenarios.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    /** A toy version of the engine's programs: 2-4 clients, 5-40 ops on 3 files, drawn from a stream. */
    record Op(int client, String kind, int file, int bytes) {}

    record Program(int clients, List<Op> ops) {
        static final List<String> KINDS = List.of("read", "write", "create", "remove");

        static Program generate(ChoiceStream s) {
            int clients = s.between(2, 4);
            int n = s.between(5, 40);
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(s.span("op", () -> {
                    int client = s.draw(clients);
                    String kind = s.pick(KINDS);
                    int file = s.draw(3);
                    int bytes = 0;
                    if (kind.equals("write")) {
                        bytes = s.draw(5);
                        for (int b = 0; b < bytes; b++) {
                            s.draw(26); // the payload's letters
                        }
                    }
                    return new Op(client, kind, file, bytes);
                }));
            }
            return new Program(clients, ops);
        }

        static Program replay(Choices c) {
            return generate(ChoiceStream.replay(c));
        }
    }

    /** Fails iff some op writes a file that a later op reads. */
    static boolean writeThenRead(Program p) {
        for (int i = 0; i < p.ops().size(); i++) {
            for (int j = i + 1; j < p.ops().size(); j++) {
                Op w = p.ops().get(i);
                Op r = p.ops().get(j);
                if (w.kind().equals("write") && r.kind().equals("read") && w.file() == r.file()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fails iff one client writes a file that a different client reads later. */
    static boolean crossClientWriteThenRead(Program p) {
        for (int i = 0; i < p.ops().size(); i++) {
            for (int j = i + 1; j < p.ops().size(); j++) {
                Op w = p.ops().get(i);
                Op r = p.ops().get(j);
                if (w.kind().equals("write")
                        && r.kind().equals("read")
                        && w.file() == r.file()
                        && w.client() != r.client()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Choices firstFailingSeed(long from, Predicate<Program> fails) {
        for (long seed = from; ; seed++) {
            ChoiceStream s = ChoiceStream.fromSeed(seed);
            if (fails.test(Program.generate(s))) {
                return s.choices();
            }
        }
    }

    /** The shortlex-smallest failing sequence among all of length at most maxLen with values at most maxValue. */
    private static Choices bruteForceMinimum(Predicate<Program> fails, int maxLen, int maxValue) {
        for (int len = 0; len <= maxLen; len++) {
            long[] v = new long[len];
            while (true) {
                Choices c = Choices.of(v);
                if (fails.test(Program.replay(c))) {
                    return c;
                }
                int i = len - 1; // next sequence in lexicographic order
                while (i >= 0 && v[i] == maxValue) {
                    v[i--] = 0;
                }
                if (i < 0) {
                    break;
                }
                v[i]++;
            }
        }
        throw new AssertionError("no failing sequence up to length " + maxLen);
    }

    private static Shrinker shrinker(int maxRuns) {
        return new Shrinker(ShrinkBudget.runs(maxRuns));
    }

    private static Optional<Choices> recordedRerun(Choices c, Predicate<Program> fails) {
        ChoiceStream s = ChoiceStream.replay(c);
        return fails.test(Program.generate(s)) ? Optional.of(s.choices()) : Optional.empty();
    }

    @Test
    void shrink_writeThenRead_reachesKnownMinimum() {
        Choices minimum = bruteForceMinimum(ShrinkerTest::writeThenRead, 5, 4);
        // 2 clients, 5 ops, op 1 = client 0 writes file 0 (no bytes); ops 2-5 are all zero: reads of file 0.
        assertThat(minimum).isEqualTo(Choices.of(0, 0, 0, 1));
        for (Choices failing : failingSeeds(ShrinkerTest::writeThenRead, 40)) {
            ShrinkResult plain = shrinker(5_000).shrink(failing, c -> writeThenRead(Program.replay(c)));
            ShrinkResult recorded =
                    shrinker(5_000).shrinkRecorded(failing, c -> recordedRerun(c, ShrinkerTest::writeThenRead));
            assertThat(plain.stop()).isEqualTo(ShrinkResult.Stop.FIXPOINT);
            assertThat(recorded.stop()).isEqualTo(ShrinkResult.Stop.FIXPOINT);
            assertThat(plain.shrunk().sameValues(minimum))
                    .as("from %s shrunk to %s", failing, plain.shrunk())
                    .isTrue();
            assertThat(recorded.shrunk().sameValues(minimum))
                    .as("from %s shrunk to %s", failing, recorded.shrunk())
                    .isTrue();
        }
    }

    /** The recorded choices of the first {@code count} seeds (from 0) whose program fails. */
    private static List<Choices> failingSeeds(Predicate<Program> fails, int count) {
        List<Choices> out = new ArrayList<>();
        for (long seed = 0; out.size() < count; seed++) {
            ChoiceStream s = ChoiceStream.fromSeed(seed);
            if (fails.test(Program.generate(s))) {
                out.add(s.choices());
            }
        }
        return out;
    }

    @Test
    void shrink_crossClientWriteThenRead_reachesOneOfTheTwoOpMinima() {
        Choices minimum = bruteForceMinimum(ShrinkerTest::crossClientWriteThenRead, 5, 4);
        // Client 1 writes file 0 in op 1; op 2 (all zeros) is client 0 reading file 0.
        assertThat(minimum).isEqualTo(Choices.of(0, 0, 1, 1));
        // The other 2-op program, client 0 writes and client 1 reads, is a local minimum: reaching the
        // global one from it takes raising a value while deleting others, which no pass does (Hypothesis
        // promises local minima only). From the first 245 failing seeds 199 reach the global minimum.
        Choices local = Choices.of(0, 0, 0, 1, 0, 0, 1);
        assertThat(crossClientWriteThenRead(Program.replay(local))).isTrue();
        int global = 0;
        for (Choices failing : failingSeeds(ShrinkerTest::crossClientWriteThenRead, 20)) {
            ShrinkResult r = shrinker(5_000)
                    .shrinkRecorded(failing, c -> recordedRerun(c, ShrinkerTest::crossClientWriteThenRead));
            assertThat(r.stop()).isEqualTo(ShrinkResult.Stop.FIXPOINT);
            assertThat(List.of(minimum.encode(), local.encode()))
                    .as("from %s shrunk to %s", failing, r.shrunk())
                    .contains(r.shrunk().encode());
            global += r.shrunk().sameValues(minimum) ? 1 : 0;
        }
        assertThat(global).isGreaterThanOrEqualTo(12);
    }

    @Test
    void shrinkRecorded_rerunReturnsRecording_noMoreRunsThanPredicate() {
        long plainRuns = 0;
        long recordedRuns = 0;
        for (long from : new long[] {0, 50, 100, 150, 200}) {
            Choices failing = firstFailingSeed(from, ShrinkerTest::writeThenRead);
            plainRuns += shrinker(5_000)
                    .shrink(failing, c -> writeThenRead(Program.replay(c)))
                    .runs();
            recordedRuns += shrinker(5_000)
                    .shrinkRecorded(failing, c -> recordedRerun(c, ShrinkerTest::writeThenRead))
                    .runs();
        }
        assertThat(recordedRuns).isLessThanOrEqualTo(plainRuns);
    }

    @Test
    void shrink_countChoice_lowersToSmallestFailingCount() {
        // Fails iff the program has at least 7 ops: the count choice must be lowered from up to 35 to 2.
        Predicate<Program> fails = p -> p.ops().size() >= 7;
        Choices failing = firstFailingSeed(0, fails);
        ShrinkResult r = shrinker(5_000).shrink(failing, c -> fails.test(Program.replay(c)));
        assertThat(r.shrunk().sameValues(Choices.of(0, 2)))
                .as("shrunk to %s", r.shrunk())
                .isTrue();
        assertThat(r.shrunk().sameValues(bruteForceMinimum(fails, 3, 4))).isTrue();
    }

    @Test
    void shrink_longProgram_deletesWholeOpSpans() {
        Choices failing = firstFailingSeed(0, p -> writeThenRead(p) && p.ops().size() > 30);
        List<ShrinkStep> steps = new ArrayList<>();
        new Shrinker(ShrinkBudget.runs(5_000), steps::add).shrink(failing, c -> writeThenRead(Program.replay(c)));
        assertThat(steps)
                .filteredOn(s -> s.accepted() && s.pass().equals("delete-span op"))
                .isNotEmpty();
    }

    @Test
    void shrink_sameInput_sameStepsAndResult() {
        Choices failing = firstFailingSeed(17, ShrinkerTest::crossClientWriteThenRead);
        List<ShrinkStep> a = new ArrayList<>();
        List<ShrinkStep> b = new ArrayList<>();
        ShrinkResult ra = new Shrinker(ShrinkBudget.runs(5_000), a::add)
                .shrink(failing, c -> crossClientWriteThenRead(Program.replay(c)));
        ShrinkResult rb = new Shrinker(ShrinkBudget.runs(5_000), b::add)
                .shrink(failing, c -> crossClientWriteThenRead(Program.replay(c)));
        assertThat(a).isEqualTo(b).isNotEmpty();
        assertThat(ra).isEqualTo(rb);
    }

    @Test
    void shrink_maxRuns_stopsAtBudgetWithAFailingSequence() {
        Choices failing = firstFailingSeed(0, ShrinkerTest::writeThenRead);
        AtomicInteger calls = new AtomicInteger();
        ShrinkResult r = shrinker(10).shrink(failing, c -> {
            calls.incrementAndGet();
            return writeThenRead(Program.replay(c));
        });
        assertThat(r.stop()).isEqualTo(ShrinkResult.Stop.MAX_RUNS);
        assertThat(calls.get()).isEqualTo(10);
        assertThat(r.runs()).isEqualTo(10);
        assertThat(writeThenRead(Program.replay(r.shrunk()))).isTrue();
        assertThat(r.shrunk().isSimplerThan(failing)).isTrue();
    }

    @Test
    void shrink_deadline_stopsWhenInjectedClockPassesIt() {
        Choices failing = firstFailingSeed(0, ShrinkerTest::writeThenRead);
        AtomicLong clock = new AtomicLong(1_000);
        ShrinkBudget budget = ShrinkBudget.until(1_000_000, clock::get, 1_000 + 25 * 7);
        ShrinkResult r = new Shrinker(budget).shrink(failing, c -> {
            clock.addAndGet(7); // every rerun takes 7 ticks of the fake clock
            return writeThenRead(Program.replay(c));
        });
        assertThat(r.stop()).isEqualTo(ShrinkResult.Stop.DEADLINE);
        assertThat(r.runs()).isEqualTo(25);
        assertThat(writeThenRead(Program.replay(r.shrunk()))).isTrue();
    }

    @Test
    void shrink_failureDoesNotReproduce_returnsOriginalAfterOneRun() {
        Choices failing = firstFailingSeed(0, ShrinkerTest::writeThenRead);
        List<ShrinkStep> steps = new ArrayList<>();
        ShrinkResult r = new Shrinker(ShrinkBudget.runs(100), steps::add).shrink(failing, c -> false);
        assertThat(r.stop()).isEqualTo(ShrinkResult.Stop.NOT_REPRODUCED);
        assertThat(r.reproduced()).isFalse();
        assertThat(r.shrunk()).isEqualTo(failing);
        assertThat(steps).containsExactly(new ShrinkStep(1, "confirm", failing.size(), false, failing.size()));
    }

    @Test
    void shrink_listener_seesEveryRunInOrderWithOnlySmallerAcceptedCandidates() {
        Choices failing = firstFailingSeed(3, ShrinkerTest::writeThenRead);
        List<ShrinkStep> steps = new ArrayList<>();
        ShrinkResult r = new Shrinker(ShrinkBudget.runs(5_000), steps::add)
                .shrink(failing, c -> writeThenRead(Program.replay(c)));
        assertThat(steps).hasSize(r.runs());
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).run()).isEqualTo(i + 1);
        }
        assertThat(steps.stream().skip(1).filter(ShrinkStep::accepted).count()).isEqualTo(r.accepted());
        // Best size never grows.
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).bestSize())
                    .isLessThanOrEqualTo(steps.get(i - 1).bestSize());
        }
    }

    @Test
    void shrink_predicateSeesOnlyNewSimplerCandidates() {
        Choices failing = firstFailingSeed(5, ShrinkerTest::crossClientWriteThenRead);
        List<Choices> seen = new ArrayList<>();
        ShrinkResult r = shrinker(5_000).shrink(failing, c -> {
            seen.add(c);
            return crossClientWriteThenRead(Program.replay(c));
        });
        assertThat(seen.get(0)).isEqualTo(failing);
        assertThat(seen.stream().map(Choices::encode).distinct().count()).isEqualTo(seen.size());
        assertThat(seen.stream().skip(1)).allMatch(c -> c.isSimplerThan(failing));
        assertThat(r.shrunk().isSimplerThan(failing) || r.shrunk().sameValues(failing))
                .isTrue();
    }
}
