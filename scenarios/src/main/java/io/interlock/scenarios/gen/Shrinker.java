package io.interlock.scenarios.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinks a failing run by shrinking its recorded {@link Choices}, the way Hypothesis does
 * (MacIver &amp; Donaldson, "Test-Case Reduction via Test-Case Generation", ECOOP 2020): the program
 * is never edited directly; the shrinker proposes smaller choice sequences, the caller replays
 * each one on a fresh target, and the shrinker keeps a candidate only if it is strictly smaller
 * in {@link Choices#SHORTLEX} order and still fails the same property. Because every kept
 * candidate is strictly smaller, shrinking always terminates.
 *
 * <p>Passes, repeated in this order until a whole round keeps nothing (a fixpoint) or the {@link
 * ShrinkBudget} runs out:
 *
 * <ol>
 *   <li>{@code trim}: drop trailing zeros (free under replay, where an exhausted stream answers 0);
 *   <li>{@code delete-span}: delete whole recorded spans (an operation, a client), largest first;
 *   <li>{@code delete-N}: delete blocks of N consecutive choices, from the end, for N = 8, 4, 3, 2, 1
 *       and every span length up to 16, longest first;
 *   <li>{@code zero-span}: set every choice of a span to 0 (the simplest unit of that kind);
 *   <li>{@code lower}: lower each value, trying 0 first, then a binary search toward 0;
 *   <li>{@code lower-equal}: lower all choices that share a value together (keeps "the same file"
 *       relations that lowering one at a time would break);
 *   <li>{@code swap}: swap adjacent out-of-order choices, and adjacent sibling spans of one label;
 *   <li>{@code redistribute}: move value from a choice to the next one (binary search on the
 *       amount), which keeps a sum while making the sequence lexicographically smaller.
 * </ol>
 *
 * <p>Deterministic: for a deterministic test, the same input gives the same candidates in the same
 * order, the same listener steps and the same result. No clock is read except the budget's.
 *
 * <p>Two ways to call it. {@link #shrink(Choices, Predicate)} takes a yes/no test; the shrinker
 * then keeps span positions up to date itself for deletions, but after a change of value the old
 * spans may no longer match the program's units (only a missed opportunity, never a wrong
 * result). {@link #shrinkRecorded(Choices, Function)} takes a test that also returns the choices
 * the failing rerun recorded (its {@link ChoiceStream#choices()}); the shrinker then continues
 * from that sequence without trailing zeros, with the rerun's own spans, which shrinks better.
 *
 * <p>Instances are immutable and may be reused; one {@code shrink} call runs on the caller's
 * thread.
 */
public final class Shrinker {
    private static final int[] BLOCKS = {8, 4, 3, 2, 1};
    private static final int MAX_SPAN_BLOCK = 16;

    private final ShrinkBudget budget;
    private final ShrinkListener listener;

    public Shrinker(ShrinkBudget budget, ShrinkListener listener) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Shrinker(ShrinkBudget budget) {
        this(budget, ShrinkListener.NONE);
    }

    /**
     * Shrinks {@code failing}. {@code stillFails} reruns the program from a candidate sequence (with
     * {@link ChoiceStream#replay(Choices)}) on a fresh target and answers whether it fails the
     * same property as the original.
     */
    public ShrinkResult shrink(Choices failing, Predicate<Choices> stillFails) {
        Objects.requireNonNull(stillFails, "stillFails");
        return shrinkRecorded(failing, c -> stillFails.test(c) ? Optional.of(c) : Optional.empty());
    }

    /**
     * Shrinks {@code failing}. {@code rerun} reruns the program from a candidate sequence on a fresh
     * target and returns the choices the replay recorded if it failed the same property as the
     * original, or empty if it did not.
     */
    public ShrinkResult shrinkRecorded(Choices failing, Function<Choices, Optional<Choices>> rerun) {
        Objects.requireNonNull(failing, "failing");
        Objects.requireNonNull(rerun, "rerun");
        return new Session(failing, rerun).run();
    }

    /** The mutable state of one shrink call. */
    private final class Session {
        private final Choices original;
        private final Function<Choices, Optional<Choices>> rerun;
        private final Set<String> tried = new HashSet<>();
        private Choices best;
        private int runs;
        private int accepted;
        private ShrinkResult.Stop stop;

        Session(Choices original, Function<Choices, Optional<Choices>> rerun) {
            this.original = original;
            this.rerun = rerun;
            this.best = original;
        }

        ShrinkResult run() {
            // The confirming run always happens, whatever the deadline: without it, nothing is known.
            runs = 1;
            tried.add(original.encode());
            Optional<Choices> first = rerun.apply(original);
            if (first.isPresent()) {
                best = normalise(original, first.get());
            }
            listener.onStep(new ShrinkStep(runs, "confirm", original.size(), first.isPresent(), best.size()));
            if (first.isEmpty()) {
                return new ShrinkResult(original, original, runs, 0, ShrinkResult.Stop.NOT_REPRODUCED);
            }
            while (stop == null) {
                Choices before = best;
                trim();
                deleteSpans();
                deleteBlocks();
                zeroSpans();
                lowerValues();
                lowerEqualValues();
                swaps();
                redistribute();
                if (stop == null && best.sameValues(before)) {
                    stop = ShrinkResult.Stop.FIXPOINT;
                }
            }
            return new ShrinkResult(original, best, runs, accepted, stop);
        }

        /** Runs {@code candidate} if it is new, simpler than the best and the budget allows; keeps it if it fails. */
        private boolean consider(String pass, Choices candidate) {
            if (stop != null || !candidate.isSimplerThan(best) || !tried.add(candidate.encode())) {
                return false;
            }
            if (runs >= budget.maxRuns()) {
                stop = ShrinkResult.Stop.MAX_RUNS;
                return false;
            }
            if (budget.clock().getAsLong() >= budget.deadline()) {
                stop = ShrinkResult.Stop.DEADLINE;
                return false;
            }
            runs++;
            Optional<Choices> result = rerun.apply(candidate);
            if (result.isPresent()) {
                best = normalise(candidate, result.get());
                accepted++;
            }
            listener.onStep(new ShrinkStep(runs, pass, candidate.size(), result.isPresent(), best.size()));
            return result.isPresent();
        }

        /**
         * The sequence to continue from after {@code candidate} failed and its rerun recorded {@code
         * recorded}: the recording without trailing zeros when it is no larger (it always is for a
         * program that draws through {@link ChoiceStream}: replay only clamps values down), else the
         * candidate; spans always come from the recording, whose positions match the candidate's.
         */
        private Choices normalise(Choices candidate, Choices recorded) {
            if (recorded == candidate) {
                return candidate;
            }
            Choices trimmed = recorded.withoutTrailingZeros();
            return Choices.SHORTLEX.compare(trimmed, candidate) <= 0
                    ? trimmed
                    : recorded.withValues(candidate.values());
        }

        private void trim() {
            consider("trim", best.withoutTrailingZeros());
        }

        private void deleteSpans() {
            int i = 0;
            while (stop == null) {
                List<Choices.Span> order = largestFirst(best);
                if (i >= order.size()) {
                    return;
                }
                Choices.Span s = order.get(i);
                if (!consider("delete-span " + s.label(), best.delete(s.start(), s.end()))) {
                    i++;
                }
            }
        }

        private void deleteBlocks() {
            for (int k : blockSizes(best)) {
                int i = best.size() - k;
                while (i >= 0 && stop == null) {
                    if (consider("delete-" + k, best.delete(i, i + k))) {
                        i = Math.min(i, best.size() - k);
                    } else {
                        i--;
                    }
                }
            }
        }

        private void zeroSpans() {
            int i = 0;
            while (stop == null) {
                List<Choices.Span> order = largestFirst(best);
                if (i >= order.size()) {
                    return;
                }
                Choices.Span s = order.get(i++);
                long[] v = best.values();
                boolean changed = false;
                for (int j = s.start(); j < s.end(); j++) {
                    changed |= v[j] != 0;
                    v[j] = 0;
                }
                if (changed) {
                    consider("zero-span " + s.label(), best.withValues(v));
                }
            }
        }

        private void lowerValues() {
            for (int i = 0; i < best.size() && stop == null; i++) {
                long v = best.get(i);
                if (v == 0 || consider("lower", best.with(i, 0))) {
                    continue;
                }
                // best.get(i) == hi fails; lo is known not to fail (0 just did not).
                long lo = 0;
                long hi = v;
                while (hi - lo > 1 && stop == null && i < best.size() && best.get(i) == hi) {
                    long mid = lo + (hi - lo) / 2;
                    if (consider("lower", best.with(i, mid))) {
                        hi = i < best.size() ? best.get(i) : 0;
                    } else {
                        lo = mid;
                    }
                }
            }
        }

        private void lowerEqualValues() {
            Map<Long, List<Integer>> byValue = new TreeMap<>(Comparator.reverseOrder());
            for (int i = 0; i < best.size(); i++) {
                if (best.get(i) > 0) {
                    byValue.computeIfAbsent(best.get(i), k -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<Long, List<Integer>> e : byValue.entrySet()) {
                List<Integer> at = e.getValue();
                if (at.size() < 2 || stop != null) {
                    continue;
                }
                long lo = -1; // no value below hi known to fail; -1 so that 0 is tried
                long hi = e.getKey();
                while (hi - lo > 1 && stop == null && allEqual(at, hi)) {
                    long target = lo < 0 ? 0 : lo + (hi - lo) / 2;
                    long[] v = best.values();
                    for (int i : at) {
                        v[i] = target;
                    }
                    if (consider("lower-equal", best.withValues(v))) {
                        hi = target;
                    } else {
                        lo = target;
                    }
                }
            }
        }

        private void swaps() {
            for (int i = 0; i + 1 < best.size() && stop == null; i++) {
                if (best.get(i) > best.get(i + 1)) {
                    long[] v = best.values();
                    long t = v[i];
                    v[i] = v[i + 1];
                    v[i + 1] = t;
                    consider("swap", best.withValues(v));
                }
            }
            List<Choices.Span> spans = best.spans();
            for (int a = 0; a < spans.size() && stop == null; a++) {
                for (int b = 0; b < spans.size() && stop == null; b++) {
                    Choices.Span x = spans.get(a);
                    Choices.Span y = spans.get(b);
                    if (x.end() == y.start() && x.label().equals(y.label()) && x.depth() == y.depth()) {
                        long[] v = best.values();
                        if (y.end() > v.length) {
                            continue;
                        }
                        long[] swapped = v.clone();
                        System.arraycopy(v, y.start(), swapped, x.start(), y.length());
                        System.arraycopy(v, x.start(), swapped, x.start() + y.length(), x.length());
                        consider("swap-span " + x.label(), best.withValues(swapped));
                    }
                }
                spans = best.spans();
            }
        }

        private void redistribute() {
            for (int i = 0; i + 1 < best.size() && stop == null; i++) {
                long a = best.get(i);
                long b = best.get(i + 1);
                if (a == 0 || b > Long.MAX_VALUE - a) {
                    continue;
                }
                // Move d from choice i to choice i+1; d = a first, then binary search the largest d that fails.
                long lo = 0;
                long hi = a + 1;
                long d = a;
                while (hi - lo > 1 && stop == null && i + 1 < best.size() && best.get(i) == a - lo) {
                    long[] v = best.values();
                    v[i] = a - d;
                    v[i + 1] = b + d;
                    if (consider("redistribute", best.withValues(v))) {
                        lo = d;
                    } else {
                        hi = d;
                    }
                    d = lo + (hi - lo) / 2;
                    if (d == lo) {
                        break;
                    }
                }
            }
        }

        private boolean allEqual(List<Integer> at, long value) {
            for (int i : at) {
                if (i >= best.size() || best.get(i) != value) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Block sizes to delete: 8, 4, 3, 2, 1 and the length of every span up to 16, longest first. The
     * span lengths are the sizes of the program's units (an operation of a given kind), which stay
     * useful when the spans' positions no longer match after values changed.
     */
    private static int[] blockSizes(Choices c) {
        Set<Integer> sizes = new TreeSet<>(Comparator.reverseOrder());
        for (int k : BLOCKS) {
            sizes.add(k);
        }
        for (Choices.Span s : c.spans()) {
            if (s.length() <= MAX_SPAN_BLOCK) {
                sizes.add(s.length());
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Distinct span ranges, longest first, then leftmost. */
    private static List<Choices.Span> largestFirst(Choices c) {
        Set<Long> seen = new LinkedHashSet<>();
        List<Choices.Span> out = new ArrayList<>();
        for (Choices.Span s : c.spans()) {
            if (seen.add(((long) s.start() << 32) | s.end())) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingInt(Choices.Span::length).reversed().thenComparingInt(Choices.Span::start));
        return out;
    }
}
