package io.interlock.scenarios.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns "not linearizable" into a story: which operation cannot be placed, what it could have
 * observed, and which earlier operations force that.
 *
 * <p>The culprit is found by a binary search over the operations ordered by completion. Prefix
 * {@code P_k} keeps the first {@code k} completed operations as they are, makes every other
 * operation invoked by the k-th completion "unknown" (it may or may not have taken effect by then,
 * result unknown) and drops the rest. If a history is linearizable, so is every such prefix (cut
 * its linearization at that instant), so the smallest non-linearizable {@code P_k} exists and its
 * k-th operation X is the first one that cannot be placed.
 *
 * <p>Then {@code P_k} with X made unknown (which is linearizable) is explored exhaustively with the
 * same memoisation, collecting every state in which X can run such that the rest of the prefix
 * still linearizes: those are the states X could have seen, and one path to each is the order
 * that the explanation shows.
 */
final class LinExplainer<S> {
    private static final int SHOWN_PREFIX = 12;
    private static final int SHOWN_STATES = 3;

    private final SequentialSpec<S> spec;
    private final List<LinOp> ops;
    private final int maxConfigurations;

    private LinExplainer(SequentialSpec<S> spec, List<LinOp> ops, int maxConfigurations) {
        this.spec = spec;
        this.ops = ops;
        this.maxConfigurations = maxConfigurations;
    }

    /** Explains why {@code ops} (already known not to be linearizable) is not. */
    static <S> LinResult.Violation explain(
            SequentialSpec<S> spec, List<LinOp> ops, int maxConfigurations, String where) {
        return new LinExplainer<>(spec, ops, maxConfigurations).explain(where);
    }

    private LinResult.Violation explain(String where) {
        List<Integer> byCompletion = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).outcome() == LinOp.Outcome.OK) {
                byCompletion.add(i);
            }
        }
        byCompletion.sort(Comparator.comparingLong((Integer i) -> ops.get(i).complete())
                .thenComparingLong(i -> ops.get(i).invoke())
                .thenComparingInt(i -> ops.get(i).id()));
        int lo = 0;
        int hi = byCompletion.size();
        boolean bounded = false;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Prefix p = prefix(byCompletion, mid, -1);
            WglSearch.Status s =
                    WglSearch.check(spec, p.ops, p.unknown, maxConfigurations).status();
            if (s == WglSearch.Status.GAVE_UP) {
                bounded = true;
                break;
            }
            if (s == WglSearch.Status.NOT_LINEARIZABLE) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        int culprit = byCompletion.get(hi - 1);
        Prefix p = prefix(byCompletion, hi, culprit);
        Exploration ex = new Exploration(p);
        ex.finish(new long[(p.ops.size() + 63) / 64], spec.init());
        return render(where, ops.get(culprit), p, ex, bounded);
    }

    /** The sub-history P_k (see class doc); {@code alsoUnknown} (an index into ops, or -1) is made unknown too. */
    private Prefix prefix(List<Integer> byCompletion, int k, int alsoUnknown) {
        long cut = ops.get(byCompletion.get(k - 1)).complete();
        boolean[] known = new boolean[ops.size()];
        for (int j = 0; j < k; j++) {
            known[byCompletion.get(j)] = true;
        }
        if (alsoUnknown >= 0) {
            known[alsoUnknown] = false;
        }
        List<LinOp> sub = new ArrayList<>();
        List<Boolean> unknown = new ArrayList<>();
        int culprit = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (known[i] || ops.get(i).invoke() <= cut) {
                if (i == alsoUnknown) {
                    culprit = sub.size();
                }
                sub.add(ops.get(i));
                unknown.add(!known[i]);
            }
        }
        boolean[] u = new boolean[unknown.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = unknown.get(i);
        }
        return new Prefix(sub, u, culprit, cut);
    }

    private record Prefix(List<LinOp> ops, boolean[] unknown, int culprit, long cut) {}

    /** Exhaustive memoised walk over the configurations of a prefix in which the culprit is unknown. */
    private final class Exploration {
        private final Prefix p;
        private final Map<WglSearch.Config, Boolean> done = new HashMap<>();
        private final List<Integer> path = new ArrayList<>();
        /** What the culprit could have seen (in words) -> one order of ops leading there. */
        private final Map<String, List<Integer>> seen = new LinkedHashMap<>();

        private List<Integer> completed;
        private boolean completedWithoutCulprit;
        private boolean truncated;

        Exploration(Prefix p) {
            this.p = p;
        }

        /** Whether every known op can still be linearized from here; records the culprit's placements. */
        boolean finish(long[] bits, S state) {
            WglSearch.Config key = WglSearch.Config.of(bits, state);
            Boolean memo = done.get(key);
            if (memo != null) {
                return memo;
            }
            if (done.size() >= maxConfigurations) {
                truncated = true;
                return false;
            }
            boolean terminal = true;
            long first = Long.MAX_VALUE; // earliest completion among unlinearized known ops
            long second = Long.MAX_VALUE;
            int firstAt = -1;
            for (int i = 0; i < p.ops.size(); i++) {
                if (!p.unknown[i] && !isSet(bits, i)) {
                    terminal = false;
                    long c = p.ops.get(i).complete();
                    if (c < first) {
                        second = first;
                        first = c;
                        firstAt = i;
                    } else if (c < second) {
                        second = c;
                    }
                }
            }
            if (terminal) {
                // Prefer an order of the others without the culprit; it may be needed for its effect.
                if (!path.contains(p.culprit)) {
                    completed = completedWithoutCulprit ? completed : List.copyOf(path);
                    completedWithoutCulprit = true;
                } else if (completed == null) {
                    completed = List.copyOf(path);
                }
            }
            boolean any = terminal;
            for (int i = 0; i < p.ops.size(); i++) {
                // i may go next unless an unlinearized known op completed strictly before i was invoked.
                long bound = i == firstAt ? second : first;
                if (isSet(bits, i) || p.ops.get(i).invoke() > bound) {
                    continue;
                }
                LinOp op = p.ops.get(i);
                Optional<S> next = spec.step(state, op.call(), p.unknown[i] ? null : op.result());
                if (next.isEmpty()) {
                    continue;
                }
                long[] nb = bits.clone();
                nb[i >>> 6] |= 1L << i;
                path.add(i);
                boolean f = finish(nb, next.get());
                path.remove(path.size() - 1);
                if (f && i == p.culprit) {
                    seen.putIfAbsent(spec.describeState(state, op.call()), List.copyOf(path));
                }
                any |= f;
            }
            done.put(key, any);
            return any;
        }
    }

    private static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private LinResult.Violation render(String where, LinOp x, Prefix p, Exploration ex, boolean bounded) {
        StringBuilder sb = new StringBuilder();
        sb.append(where).append(": NOT linearizable. ").append(op(x)).append(" cannot be placed: ");
        List<String> states = new ArrayList<>(ex.seen.keySet());
        if (states.isEmpty()) {
            sb.append("no order of the operations consistent with real time has room for it.");
        } else {
            sb.append("every order of the operations consistent with real time gives ")
                    .append(String.join(" or ", states))
                    .append(" when it runs.");
        }
        int shown = 0;
        for (Map.Entry<String, List<Integer>> e : ex.seen.entrySet()) {
            if (shown++ == SHOWN_STATES) {
                sb.append(" (").append(states.size() - SHOWN_STATES).append(" more possible states not shown.)");
                break;
            }
            sb.append(' ').append(cause(e.getKey(), e.getValue(), p, x));
        }
        List<LinOp> prefix = new ArrayList<>();
        if (ex.completed != null) {
            for (int i : ex.completed) {
                prefix.add(p.ops.get(i));
            }
            sb.append(" A linearization of the ")
                    .append(ex.completedWithoutCulprit ? "other " : "")
                    .append("operations placed by t=")
                    .append(x.complete())
                    .append(
                            ex.completedWithoutCulprit
                                    ? ""
                                    : " (this one only with its effect, since the others need it)")
                    .append(": ");
            int from = Math.max(0, prefix.size() - SHOWN_PREFIX);
            if (from > 0) {
                sb.append("… ");
            }
            for (int i = from; i < prefix.size(); i++) {
                sb.append(i + 1).append(". ").append(op(prefix.get(i))).append(i + 1 < prefix.size() ? "; " : ".");
            }
        }
        if (ex.truncated || bounded) {
            sb.append(" (The search bound of ")
                    .append(maxConfigurations)
                    .append(" configurations cut this explanation short; it may be incomplete.)");
        }
        return new LinResult.Violation(x, prefix, states, sb.toString());
    }

    /** Why the culprit would have seen {@code state}: the last changes of it along one order. */
    private String cause(String state, List<Integer> order, Prefix p, LinOp x) {
        List<Integer> changers = new ArrayList<>();
        S s = spec.init();
        for (int i : order) {
            LinOp op = p.ops.get(i);
            S next = spec.step(s, op.call(), p.unknown[i] ? null : op.result()).orElseThrow();
            if (!Objects.equals(spec.describeState(s, x.call()), spec.describeState(next, x.call()))) {
                changers.add(i);
            }
            s = next;
        }
        if (changers.isEmpty()) {
            return "For " + state + ": that is the initial state, and nothing that must precede it changes it.";
        }
        StringBuilder sb = new StringBuilder("For ").append(state).append(": the last change is ");
        LinOp later = x;
        for (int k = changers.size() - 1; k >= Math.max(0, changers.size() - 2); k--) {
            LinOp c = p.ops.get(changers.get(k));
            if (later != x) {
                sb.append(", after ");
            }
            sb.append(op(c));
            if (c.outcome() == LinOp.Outcome.OK && c.complete() < later.invoke()) {
                sb.append(", which completed before ")
                        .append(later == x ? "it" : "that")
                        .append(" was invoked at t=")
                        .append(later.invoke());
            }
            later = c;
        }
        return sb.append('.').toString();
    }

    private String op(LinOp o) {
        String what = spec.describe(o.call(), o.outcome() == LinOp.Outcome.OK ? o.result() : null);
        String when = o.outcome() == LinOp.Outcome.OK
                ? "at t=" + o.invoke() + ".." + o.complete()
                : "invoked at t=" + o.invoke() + ", outcome unknown";
        return o.process() + "'s " + what + " (" + when + ")";
    }
}
