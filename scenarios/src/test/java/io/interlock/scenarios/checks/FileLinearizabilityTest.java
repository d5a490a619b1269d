package io.interlock.scenarios.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.checks.FileCall.Create;
import io.interlock.scenarios.checks.FileCall.CreateMode;
import io.interlock.scenarios.checks.FileCall.Read;
import io.interlock.scenarios.checks.FileCall.Remove;
import io.interlock.scenarios.checks.FileCall.Rename;
import io.interlock.scenarios.checks.FileCall.Truncate;
import io.interlock.scenarios.checks.FileCall.Write;
import io.interlock.scenarios.gen.ChoiceStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** File-content histories as the engine will produce them: lost writes, stale reads, INFO, renames. */
class FileLinearizabilityTest {
    private static final Linearizability CHECKER = new Linearizability();

    /** f, g and h exist and are empty at the start. */
    private static final FileSpec SPEC = new FileSpec(Map.of("f", new byte[0], "g", new byte[0], "h", new byte[0]));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static LinOp write(int id, String p, long inv, long comp, String path, long off, String data) {
        return LinOp.ok(id, p, inv, comp, new Write(path, off, b(data)), FileResult.DONE);
    }

    private static LinOp write(int id, String p, long inv, long comp, String data) {
        return write(id, p, inv, comp, "f", 0, data);
    }

    private static LinOp read(int id, String p, long inv, long comp, String path, String data) {
        return LinOp.ok(id, p, inv, comp, new Read(path), FileResult.data(b(data)));
    }

    private static LinOp read(int id, String p, long inv, long comp, String data) {
        return read(id, p, inv, comp, "f", data);
    }

    private static LinResult check(LinOp... ops) {
        return CHECKER.check(SPEC, List.of(ops));
    }

    @Test
    void check_lostWrite_notLinearizableAndExplained() {
        // A's write completes at t=2, B's write is invoked after that (t=3) and completes at t=4, yet the
        // file ends up holding A's data: B's acknowledged write was lost (overwritten by the earlier one).
        LinResult r = check(write(1, "A", 1, 2, "AAAA"), write(2, "B", 3, 4, "BBBB"), read(3, "C", 5, 7, "AAAA"));
        assertThat(r.verdict()).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        LinResult.Violation v = r.violation().orElseThrow();
        assertThat(v.op().id()).isEqualTo(3);
        assertThat(v.couldHaveSeen()).containsExactly("f = \"BBBB\"");
        assertThat(v.linearizedPrefix()).extracting(LinOp::id).containsExactly(1, 2);
        assertThat(v.explanation())
                .contains("C's read of f returned \"AAAA\" (at t=5..7) cannot be placed")
                .contains("every order of the operations consistent with real time gives f = \"BBBB\" when it runs")
                .contains("the last change is B's write of \"BBBB\" at 0 to f (at t=3..4), which completed before it"
                        + " was invoked at t=5")
                .contains("after A's write of \"AAAA\" at 0 to f (at t=1..2), which completed before that was invoked"
                        + " at t=3");
    }

    @Test
    void check_staleRead_notLinearizable() {
        // B already read the new data; C's read, invoked after B's completed, returns the old data.
        LinResult r = check(write(1, "A", 0, 10, "NEW!"), read(2, "B", 1, 2, "NEW!"), read(3, "C", 3, 4, ""));
        assertThat(r.verdict()).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        LinResult.Violation v = r.violation().orElseThrow();
        assertThat(v.op().id()).isEqualTo(3);
        assertThat(v.couldHaveSeen()).containsExactly("f = \"NEW!\"");
        assertThat(v.explanation()).contains("C's read of f returned \"\" (at t=3..4) cannot be placed");
    }

    @Test
    void check_readDuringSlowWrite_oldOrNewLinearizable() {
        assertThat(check(write(1, "A", 0, 10, "NEW!"), read(2, "B", 1, 2, "")).linearizable())
                .isTrue();
        assertThat(check(write(1, "A", 0, 10, "NEW!"), read(2, "B", 1, 2, "NEW!"))
                        .linearizable())
                .isTrue();
        assertThat(check(write(1, "A", 0, 10, "NEW!"), read(2, "B", 1, 2, "NE")).linearizable())
                .isFalse(); // a torn write: writes are atomic in this model
    }

    @Test
    void check_concurrentOverlappingWrites_onlyOrdersOfWholeWrites() {
        // A writes "AAAA" at 0 while B writes "BB" at 2: "AABB" (A then B) or "AAAA" (B then A).
        LinOp a = write(1, "A", 0, 10, "f", 0, "AAAA");
        LinOp bw = write(2, "B", 1, 9, "f", 2, "BB");
        assertThat(CHECKER.check(SPEC, List.of(a, bw, read(3, "C", 11, 12, "AABB")))
                        .linearizable())
                .isTrue();
        assertThat(CHECKER.check(SPEC, List.of(a, bw, read(3, "C", 11, 12, "AAAA")))
                        .linearizable())
                .isTrue();
        assertThat(CHECKER.check(SPEC, List.of(a, bw, read(3, "C", 11, 12, "BBAA")))
                        .linearizable())
                .isFalse();
        // Two reads after both writes must agree on the order.
        assertThat(CHECKER.check(SPEC, List.of(a, bw, read(3, "C", 11, 12, "AABB"), read(4, "D", 13, 14, "AAAA")))
                        .linearizable())
                .isFalse();
    }

    @Test
    void check_infoWriteThatMustHaveHappened_linearizable() {
        // A's write timed out (INFO); C later reads A's data, so it happened; it also explains D's read.
        LinOp timedOut = LinOp.info(1, "A", 0, new Write("f", 0, b("AAAA")));
        assertThat(check(timedOut, read(2, "C", 5, 6, "AAAA"), read(3, "D", 7, 8, "AAAA"))
                        .linearizable())
                .isTrue();
        // ... and then it cannot be undone: a later read of the old content is a violation.
        LinResult r = check(timedOut, read(2, "C", 5, 6, "AAAA"), read(3, "D", 7, 8, ""));
        assertThat(r.verdict()).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        assertThat(r.violation().orElseThrow().op().id()).isEqualTo(3);
        assertThat(r.violation().orElseThrow().explanation())
                .contains("A's write of \"AAAA\" at 0 to f (invoked at t=0, outcome unknown)");
    }

    @Test
    void check_infoWriteThatMustNotHaveHappened_linearizable() {
        // B's write completed after A's INFO write was invoked; the read sees B's data, so A's write
        // either never happened or took effect before B's.
        LinOp timedOut = LinOp.info(1, "A", 0, new Write("f", 0, b("AAAA")));
        assertThat(check(timedOut, write(2, "B", 1, 2, "BBBB"), read(3, "C", 5, 6, "BBBB"))
                        .linearizable())
                .isTrue();
        assertThat(check(timedOut, write(2, "B", 1, 2, "BBBB"), read(3, "C", 5, 6, "AAAA"))
                        .linearizable())
                .isTrue();
        assertThat(check(timedOut, write(2, "B", 1, 2, "BBBB"), read(3, "C", 5, 6, "AABB"))
                        .linearizable())
                .isFalse();
    }

    @Test
    void check_infoRead_ignored() {
        LinResult r =
                check(write(1, "A", 0, 1, "AAAA"), LinOp.info(2, "B", 2, new Read("f")), read(3, "C", 3, 4, "AAAA"));
        assertThat(r.linearizable()).isTrue();
        assertThat(r.partitions().get(0).ops()).isEqualTo(2);
    }

    @Test
    void check_exclusiveCreates_atMostOneWins() {
        LinOp c1 = LinOp.ok(1, "A", 0, 5, new Create("n", CreateMode.EXCLUSIVE), FileResult.DONE);
        LinOp c2 = LinOp.ok(2, "B", 1, 4, new Create("n", CreateMode.EXCLUSIVE), FileResult.DONE);
        LinOp c2Exists =
                LinOp.ok(2, "B", 1, 4, new Create("n", CreateMode.EXCLUSIVE), FileResult.rejected(FileError.EXISTS));
        assertThat(CHECKER.check(SPEC, List.of(c1, c2)).verdict()).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        assertThat(CHECKER.check(SPEC, List.of(c1, c2Exists)).linearizable()).isTrue();
    }

    @Test
    void check_renameAndRemove_namespaceFollowsOrder() {
        LinOp w = write(1, "A", 0, 1, "f", 0, "data");
        LinOp mv = LinOp.ok(2, "B", 2, 3, new Rename("f", "g"), FileResult.DONE);
        LinOp readG = read(3, "C", 4, 5, "g", "data");
        LinOp readFGone = LinOp.ok(4, "D", 4, 5, new Read("f"), FileResult.rejected(FileError.NOT_FOUND));
        assertThat(CHECKER.check(SPEC, List.of(w, mv, readG, readFGone)).linearizable())
                .isTrue();
        // The old name still answering after the rename completed is stale.
        LinResult r = CHECKER.check(SPEC, List.of(w, mv, read(3, "C", 4, 5, "f", "data")));
        assertThat(r.verdict()).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        assertThat(r.violation().orElseThrow().couldHaveSeen()).containsExactly("f absent");
        // A write on the removed name must fail.
        LinOp rm = LinOp.ok(5, "E", 6, 7, new Remove("g"), FileResult.DONE);
        LinOp lateWrite = write(6, "A", 8, 9, "g", 0, "x");
        assertThat(CHECKER.check(SPEC, List.of(w, mv, rm, lateWrite)).linearizable())
                .isFalse();
    }

    @Test
    void check_independentFiles_partitionedAndRenameJoinsItsTwoPaths() {
        LinResult r = CHECKER.check(
                SPEC,
                List.of(
                        write(1, "A", 0, 1, "f", 0, "x"),
                        write(2, "B", 0, 1, "h", 0, "y"),
                        LinOp.ok(3, "C", 2, 3, new Rename("f", "g"), FileResult.DONE),
                        read(4, "D", 4, 5, "h", "y"),
                        read(5, "D", 6, 7, "g", "x")));
        assertThat(r.linearizable()).isTrue();
        assertThat(r.partitions())
                .extracting(LinResult.Partition::keys)
                .containsExactly(List.of("f", "g"), List.of("h"));
        assertThat(r.partitions()).extracting(LinResult.Partition::ops).containsExactly(3, 2);
    }

    @Test
    void check_oneBadFileAmongGoodOnes_onlyThatPartitionFails() {
        LinResult r = CHECKER.check(
                SPEC,
                List.of(
                        write(1, "A", 0, 1, "f", 0, "x"),
                        read(2, "B", 2, 3, "f", ""),
                        write(3, "A", 0, 1, "h", 0, "y"),
                        read(4, "B", 2, 3, "h", "y")));
        assertThat(r.verdict()).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        assertThat(r.partitions())
                .extracting(LinResult.Partition::verdict)
                .containsExactly(LinResult.Verdict.NOT_LINEARIZABLE, LinResult.Verdict.LINEARIZABLE);
        assertThat(r.explanation()).startsWith("f: NOT linearizable.").contains("h: linearizable (2 ops");
    }

    @Test
    void check_truncateRacingWrite_bothOrdersAllowedButNotAMix() {
        LinOp w = write(1, "A", 0, 10, "f", 0, "abcd");
        LinOp t = LinOp.ok(2, "B", 1, 9, new Truncate("f", 2), FileResult.DONE);
        assertThat(CHECKER.check(SPEC, List.of(w, t, read(3, "C", 11, 12, "ab")))
                        .linearizable())
                .isTrue();
        assertThat(CHECKER.check(SPEC, List.of(w, t, read(3, "C", 11, 12, "abcd")))
                        .linearizable())
                .isTrue();
        assertThat(CHECKER.check(SPEC, List.of(w, t, read(3, "C", 11, 12, "abc")))
                        .linearizable())
                .isFalse();
    }

    /**
     * A linearizable history by construction: each process issues ops one after the other; each op
     * takes effect at a point inside its interval, and results are what {@link FileSpec} answers in
     * the order of those points. A few ops end INFO (some took effect, some not) or FAIL (did not).
     */
    static List<LinOp> simulate(long seed, int processes, int opsPerProcess, int maxDuration, boolean renames) {
        ChoiceStream s = ChoiceStream.fromSeed(seed);
        List<String> files = List.of("f", "g", "h");
        record Planned(int id, String process, long invoke, long complete, long point, FileCall call, int fate) {}
        List<Planned> plan = new ArrayList<>();
        int id = 0;
        for (int p = 0; p < processes; p++) {
            long t = s.draw(3);
            for (int k = 0; k < opsPerProcess; k++) {
                long dur = 1 + s.draw(maxDuration);
                long point = t + s.drawLong(dur + 1);
                String path = s.pick(files);
                FileCall call =
                        switch (s.weighted(5, 5, 1, renames ? 1 : 0)) {
                            case 0 ->
                                new Write(
                                        path,
                                        s.draw(4),
                                        b(String.valueOf((char) ('A' + s.draw(26)))
                                                .repeat(1 + s.draw(4))));
                            case 1 -> new Read(path);
                            case 2 -> new Truncate(path, s.draw(4));
                            default -> new Rename(path, s.pick(files));
                        };
                int fate = s.weighted(90, 3, 3, 4); // OK, INFO that happened, INFO that did not, FAIL
                plan.add(new Planned(id++, "P" + p, t, t + dur, point, call, fate));
                t += dur + 1 + s.draw(3);
            }
        }
        plan.sort(Comparator.comparingLong(Planned::point).thenComparingInt(Planned::id));
        Map<Integer, LinOp> byId = new LinkedHashMap<>();
        FileTree state = SPEC.init();
        for (Planned p : plan) {
            boolean happens = p.fate() <= 1;
            FileResult result = null;
            if (happens) {
                FileSpec.Effect e = FileSpec.apply(state, p.call());
                state = e.next();
                result = e.result();
            }
            LinOp op =
                    switch (p.fate()) {
                        case 0 -> LinOp.ok(p.id(), p.process(), p.invoke(), p.complete(), p.call(), result);
                        case 1, 2 -> LinOp.info(p.id(), p.process(), p.invoke(), p.call());
                        default -> LinOp.fail(p.id(), p.process(), p.invoke(), p.complete(), p.call());
                    };
            byId.put(p.id(), op);
        }
        List<LinOp> h = new ArrayList<>(byId.values());
        h.sort(Comparator.comparingInt(LinOp::id));
        return h;
    }

    /** The same history with one OK read's data replaced by bytes nobody ever wrote. */
    static List<LinOp> withImpossibleRead(List<LinOp> h, int nth) {
        List<LinOp> out = new ArrayList<>(h);
        int seen = 0;
        for (int i = 0; i < out.size(); i++) {
            LinOp o = out.get(i);
            if (o.call() instanceof Read && o.outcome() == LinOp.Outcome.OK && o.result() instanceof FileResult.Data) {
                if (seen++ == nth) {
                    out.set(
                            i,
                            LinOp.ok(
                                    o.id(), o.process(), o.invoke(), o.complete(), o.call(), FileResult.data(b("zz"))));
                    return out;
                }
            }
        }
        throw new IllegalArgumentException("fewer than " + (nth + 1) + " reads");
    }

    @Test
    void check_simulatedHistories_alwaysLinearizable() {
        for (long seed = 0; seed < 300; seed++) {
            List<LinOp> h = simulate(seed, 4, 12, 6, seed % 2 == 0);
            LinResult r = CHECKER.check(SPEC, h);
            assertThat(r.verdict()).as("seed %d: %s", seed, r.explanation()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
        }
    }

    @Test
    void check_simulatedHistoryWithImpossibleRead_blamesThatRead() {
        for (long seed = 0; seed < 100; seed++) {
            List<LinOp> h = withImpossibleRead(simulate(seed, 4, 12, 6, false), 2);
            LinOp bad = h.stream()
                    .filter(o -> o.result() instanceof FileResult.Data d
                            && new String(d.bytes(), StandardCharsets.US_ASCII).equals("zz"))
                    .findFirst()
                    .orElseThrow();
            LinResult r = CHECKER.check(SPEC, h);
            assertThat(r.verdict()).as("seed %d", seed).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
            LinResult.Violation v = r.violation().orElseThrow();
            assertThat(v.op()).as("seed %d: %s", seed, v.explanation()).isEqualTo(bad);
            assertThat(v.couldHaveSeen()).isNotEmpty();
            LinearizabilityTest.assertPrefixIsALinearization(SPEC, v);
        }
    }

    @Test
    void check_randomSmallFileHistoriesWithRenames_agreesWithBruteForce() {
        // Small simulated histories, one read result corrupted now and then: the partitioned checker must
        // agree with plain enumeration over the whole (unpartitioned) history.
        int linearizable = 0;
        int violations = 0;
        for (long seed = 0; seed < 1_500; seed++) {
            List<LinOp> h = simulate(seed, 3, 2, 5, true);
            ChoiceStream s = ChoiceStream.fromSeed(~seed);
            long reads = h.stream()
                    .filter(o -> o.call() instanceof Read
                            && o.outcome() == LinOp.Outcome.OK
                            && o.result() instanceof FileResult.Data)
                    .count();
            if (reads > 0 && s.flip(50)) {
                h = withImpossibleRead(h, s.draw((int) reads));
            }
            boolean expected = LinearizabilityTest.bruteForce(SPEC, h);
            LinResult r = CHECKER.check(SPEC, h);
            assertThat(r.linearizable())
                    .as("seed %d: %s / %s", seed, h, r.explanation())
                    .isEqualTo(expected);
            if (expected) {
                linearizable++;
            } else {
                violations++;
                LinearizabilityTest.assertPrefixIsALinearization(
                        SPEC, r.violation().orElseThrow());
            }
        }
        assertThat(linearizable).isGreaterThan(500);
        assertThat(violations).isGreaterThan(300);
    }

    /** The fastest of a few runs, in microseconds: the machine is shared, the minimum is the signal. */
    private static long fastestMicros(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1_000);
        }
        return best;
    }

    @Test
    void check_fortyEightOpsFourProcesses_wellUnder100ms() {
        List<LinOp> good = simulate(7, 4, 12, 6, true);
        List<LinOp> bad = withImpossibleRead(simulate(7, 4, 12, 6, false), 5);
        List<LinOp> wide = simulate(8, 4, 12, 20, false); // long ops: more overlap
        assertThat(good).hasSize(48);
        for (long seed = 0; seed < 50; seed++) { // warm up the JIT
            CHECKER.check(SPEC, simulate(seed, 4, 12, 6, true));
        }
        long tGood = fastestMicros(
                () -> assertThat(CHECKER.check(SPEC, good).linearizable()).isTrue());
        long tBad = fastestMicros(
                () -> assertThat(CHECKER.check(SPEC, bad).linearizable()).isFalse());
        long tWide = fastestMicros(
                () -> assertThat(CHECKER.check(SPEC, wide).linearizable()).isTrue());
        System.out.printf(
                "48 ops/4 processes: linearizable %d us, violation with explanation %d us, long overlapping ops %d us%n",
                tGood, tBad, tWide);
        assertThat(tGood).isLessThan(100_000);
        assertThat(tBad).isLessThan(100_000);
        assertThat(tWide).isLessThan(100_000);
    }

    @Test
    void check_twoHundredOpsFourProcesses_linearizableQuickly() {
        List<LinOp> big = simulate(11, 4, 50, 6, true);
        assertThat(big).hasSize(200);
        long t = fastestMicros(
                () -> assertThat(CHECKER.check(SPEC, big).linearizable()).isTrue());
        System.out.printf("200 ops/4 processes: %d us%n", t);
        assertThat(t).isLessThan(1_000_000);
    }
}
