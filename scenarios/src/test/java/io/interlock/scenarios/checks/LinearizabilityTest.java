package io.interlock.scenarios.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.gen.ChoiceStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker on a plain register (generic spec, one key) and against a brute-force oracle. */
class LinearizabilityTest {

    /** A register holding an int, 0 at first: write(v), read() -> v, cas(from, to) -> boolean. */
    static final class RegisterSpec implements SequentialSpec<Integer> {
        record W(int value) {}

        record R() {}

        record Cas(int from, int to) {}

        @Override
        public Integer init() {
            return 0;
        }

        @Override
        public Optional<Integer> step(Integer state, Object call, Object result) {
            if (call instanceof W w) {
                return Optional.of(w.value());
            }
            if (call instanceof R) {
                return result == null || state.equals(result) ? Optional.of(state) : Optional.empty();
            }
            Cas c = (Cas) call;
            boolean swapped = state == c.from();
            if (result != null && !result.equals(swapped)) {
                return Optional.empty();
            }
            return Optional.of(swapped ? c.to() : state);
        }

        @Override
        public boolean readOnly(Object call) {
            return call instanceof R;
        }
    }

    static final RegisterSpec REG = new RegisterSpec();
    static final Linearizability CHECKER = new Linearizability();

    static LinOp write(int id, String p, long inv, long comp, int v) {
        return LinOp.ok(id, p, inv, comp, new RegisterSpec.W(v), "ok");
    }

    static LinOp read(int id, String p, long inv, long comp, int v) {
        return LinOp.ok(id, p, inv, comp, new RegisterSpec.R(), v);
    }

    static LinResult.Verdict verdict(List<LinOp> h) {
        return CHECKER.check(REG, h).verdict();
    }

    @Test
    void check_emptyHistory_linearizable() {
        LinResult r = CHECKER.check(REG, List.of());
        assertThat(r.linearizable()).isTrue();
        assertThat(r.partitions()).isEmpty();
    }

    @Test
    void check_sequentialWriteThenRead_linearizable() {
        assertThat(verdict(List.of(write(1, "A", 0, 1, 5), read(2, "B", 2, 3, 5))))
                .isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_readOfInitialAfterCompletedWrite_notLinearizable() {
        assertThat(verdict(List.of(write(1, "A", 0, 1, 5), read(2, "B", 2, 3, 0))))
                .isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void check_readConcurrentWithWrite_eitherValueLinearizable() {
        assertThat(verdict(List.of(write(1, "A", 0, 10, 5), read(2, "B", 2, 3, 0))))
                .isEqualTo(LinResult.Verdict.LINEARIZABLE);
        assertThat(verdict(List.of(write(1, "A", 0, 10, 5), read(2, "B", 2, 3, 5))))
                .isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_twoReadsDisagreeingOnOrderOfConcurrentWrite_notLinearizable() {
        // Classic: the write is concurrent with both reads, but once B saw 5, a later read cannot see 0.
        assertThat(verdict(List.of(write(1, "A", 0, 10, 5), read(2, "B", 1, 2, 5), read(3, "C", 3, 4, 0))))
                .isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        assertThat(verdict(List.of(write(1, "A", 0, 10, 5), read(2, "B", 1, 2, 0), read(3, "C", 3, 4, 5))))
                .isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_touchingIntervals_countAsConcurrent() {
        // The read is invoked at the instant the write completes: either order is allowed.
        assertThat(verdict(List.of(write(1, "A", 0, 2, 5), read(2, "B", 2, 3, 0))))
                .isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_casHistory_decidedByOrder() {
        LinOp cas1 = LinOp.ok(1, "A", 0, 10, new RegisterSpec.Cas(0, 1), true);
        LinOp cas2 = LinOp.ok(2, "B", 0, 10, new RegisterSpec.Cas(0, 2), true);
        // Two concurrent CAS from 0 cannot both succeed.
        assertThat(verdict(List.of(cas1, cas2))).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        LinOp cas2Fails = LinOp.ok(2, "B", 0, 10, new RegisterSpec.Cas(0, 2), false);
        assertThat(verdict(List.of(cas1, cas2Fails, read(3, "C", 11, 12, 1))))
                .isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_infoWrite_mayHaveHappenedOrNot() {
        LinOp info = LinOp.info(1, "A", 0, new RegisterSpec.W(5));
        assertThat(verdict(List.of(info, read(2, "B", 5, 6, 5)))).isEqualTo(LinResult.Verdict.LINEARIZABLE);
        assertThat(verdict(List.of(info, read(2, "B", 5, 6, 0)))).isEqualTo(LinResult.Verdict.LINEARIZABLE);
        // Once seen, it happened: a later read cannot see the old value again.
        assertThat(verdict(List.of(info, read(2, "B", 5, 6, 5), read(3, "C", 7, 8, 0))))
                .isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        // It cannot take effect before it was invoked.
        assertThat(verdict(List.of(LinOp.info(1, "A", 10, new RegisterSpec.W(5)), read(2, "B", 5, 6, 5))))
                .isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void check_failedWrite_didNotHappen() {
        LinOp failed = LinOp.fail(1, "A", 0, 1, new RegisterSpec.W(5));
        assertThat(verdict(List.of(failed, read(2, "B", 5, 6, 5)))).isEqualTo(LinResult.Verdict.NOT_LINEARIZABLE);
        assertThat(verdict(List.of(failed, read(2, "B", 5, 6, 0)))).isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_manyConcurrentWritesAndImpossibleRead_unknownAtBound() {
        // 30 fully concurrent writes, then a read of a value nobody wrote: the memo would need about
        // 2^30 * 30 configurations to refute it. The bound makes the checker answer UNKNOWN instead.
        List<LinOp> h = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            h.add(write(i, "P" + (i % 4), 0, 100, i + 1));
        }
        h.add(read(99, "P0", 101, 102, 1_000));
        LinResult r = new Linearizability(20_000).check(REG, h);
        assertThat(r.verdict()).isEqualTo(LinResult.Verdict.UNKNOWN);
        assertThat(r.partitions().get(0).configurations()).isEqualTo(20_001);
        assertThat(r.explanation()).contains("UNKNOWN", "bound of 20000 configurations");
        assertThat(r.violation()).isEmpty();
    }

    @Test
    void check_duplicateIds_rejected() {
        assertThatThrownBy(() -> verdict(List.of(write(1, "A", 0, 1, 5), read(1, "B", 2, 3, 5))))
                .hasMessageContaining("duplicate op id 1");
        assertThatThrownBy(() -> write(1, "A", 5, 1, 5)).hasMessageContaining("before its invocation");
    }

    @Test
    void check_notLinearizable_violationNamesTheReadAndWhatItCouldSee() {
        LinResult r = CHECKER.check(REG, List.of(write(1, "A", 0, 1, 5), read(2, "B", 2, 3, 0)));
        LinResult.Violation v = r.violation().orElseThrow();
        assertThat(v.op().id()).isEqualTo(2);
        assertThat(v.couldHaveSeen()).containsExactly("5");
        assertThat(v.linearizedPrefix()).extracting(LinOp::id).containsExactly(1);
    }

    /** Whether some order consistent with real time is legal: plain enumeration, no memo. */
    static <S> boolean bruteForce(SequentialSpec<S> spec, List<LinOp> history) {
        List<LinOp> ops =
                history.stream().filter(o -> o.outcome() != LinOp.Outcome.FAIL).toList();
        return place(spec, ops, new boolean[ops.size()], spec.init());
    }

    private static <S> boolean place(SequentialSpec<S> spec, List<LinOp> ops, boolean[] placed, S state) {
        boolean allOk = true;
        for (int i = 0; i < ops.size(); i++) {
            allOk &= placed[i] || ops.get(i).outcome() != LinOp.Outcome.OK;
        }
        if (allOk) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || mustWait(ops, placed, i)) {
                continue;
            }
            LinOp o = ops.get(i);
            Optional<S> next = spec.step(state, o.call(), o.outcome() == LinOp.Outcome.INFO ? null : o.result());
            if (next.isPresent()) {
                placed[i] = true;
                boolean ok = place(spec, ops, placed, next.get());
                placed[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mustWait(List<LinOp> ops, boolean[] placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (j != i
                    && !placed[j]
                    && ops.get(j).effectiveComplete() < ops.get(i).invoke()) {
                return true;
            }
        }
        return false;
    }

    /** A random small register history (up to 7 ops, 3 processes), anything but FAIL-only nonsense. */
    static List<LinOp> randomRegisterHistory(long seed) {
        ChoiceStream s = ChoiceStream.fromSeed(seed);
        int n = s.between(1, 7);
        List<LinOp> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String p = "P" + s.draw(3);
            long inv = s.draw(10);
            long comp = inv + s.draw(6);
            int kind = s.weighted(4, 4, 2);
            Object call = kind == 0
                    ? new RegisterSpec.W(s.between(1, 3))
                    : kind == 1 ? new RegisterSpec.R() : new RegisterSpec.Cas(s.draw(4), s.between(1, 3));
            Object result = kind == 0 ? "ok" : kind == 1 ? (Object) s.draw(4) : (Object) s.flip(50);
            LinOp.Outcome outcome = LinOp.Outcome.values()[s.weighted(8, 1, 1)];
            h.add(new LinOp(i, p, inv, outcome == LinOp.Outcome.INFO ? Long.MAX_VALUE : comp, outcome, call, result));
        }
        return h;
    }

    /**
     * The violation's prefix is a legal order, consistent with real time, in which the operations
     * that completed before the culprit (in completion order) keep their results, and the others
     * (the culprit included, if present) count with their effect only.
     */
    static <S> void assertPrefixIsALinearization(SequentialSpec<S> spec, LinResult.Violation v) {
        LinOp x = v.op();
        S state = spec.init();
        List<LinOp> prefix = v.linearizedPrefix();
        for (int i = 0; i < prefix.size(); i++) {
            LinOp o = prefix.get(i);
            boolean known = !o.equals(x)
                    && o.outcome() == LinOp.Outcome.OK
                    && (o.complete() < x.complete()
                            || (o.complete() == x.complete()
                                    && (o.invoke() < x.invoke() || (o.invoke() == x.invoke() && o.id() < x.id()))));
            Optional<S> next = spec.step(state, o.call(), known ? o.result() : null);
            assertThat(next).as("prefix op %s in state %s", o, state).isPresent();
            state = next.get();
            for (int j = i + 1; j < prefix.size(); j++) {
                assertThat(prefix.get(j).effectiveComplete() < o.invoke())
                        .as("%s placed after %s which it precedes in real time", prefix.get(j), o)
                        .isFalse();
            }
        }
    }

    @Test
    void check_randomSmallRegisterHistories_agreesWithBruteForce() {
        int linearizable = 0;
        int violations = 0;
        for (long seed = 0; seed < 4_000; seed++) {
            List<LinOp> h = randomRegisterHistory(seed);
            LinResult r = CHECKER.check(REG, h);
            boolean expected = bruteForce(REG, h);
            assertThat(r.verdict())
                    .as("seed %d: %s", seed, h)
                    .isEqualTo(expected ? LinResult.Verdict.LINEARIZABLE : LinResult.Verdict.NOT_LINEARIZABLE);
            if (expected) {
                linearizable++;
            } else {
                violations++;
                LinResult.Violation v = r.violation().orElseThrow();
                assertThat(v.op()).as("seed %d", seed).isNotNull();
                assertThat(h).as("seed %d", seed).contains(v.op());
                assertThat(v.op().outcome()).isEqualTo(LinOp.Outcome.OK);
                assertPrefixIsALinearization(REG, v);
            }
        }
        // Both verdicts occur often enough for the comparison to mean something.
        assertThat(linearizable).isGreaterThan(800);
        assertThat(violations).isGreaterThan(800);
    }
}
