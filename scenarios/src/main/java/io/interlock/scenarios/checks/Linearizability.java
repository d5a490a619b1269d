package io.interlock.scenarios.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Linearizability of a history against a {@link SequentialSpec} (Herlihy &amp; Wing, TOPLAS 1990):
 * is there one order of the operations that respects real time (an operation that completed before
 * another was invoked comes first) and is a legal run of the specification? The property behind
 * "no lost write, no stale read" for file contents, with {@link FileSpec}.
 *
 * <p>How: FAIL operations are dropped (they did not happen), and so are INFO operations of
 * read-only calls (they constrain nothing); the rest is split into independent groups by the
 * spec's {@link SequentialSpec#keys keys}, and each group is searched with Wing &amp; Gong's
 * algorithm and Lowe's memoisation of (linearized set, state) pairs (as in Knossos and
 * Porcupine). INFO operations may be placed anywhere after their invocation, or nowhere.
 *
 * <p>Worst case: the search is exponential in the number of concurrent operations. It stops, per
 * group, after {@code maxConfigurations} distinct configurations and answers {@link
 * LinResult.Verdict#UNKNOWN} for that group rather than running on; the memo holds one small entry
 * per configuration, so the bound also bounds memory.
 *
 * <p>A pure function: no I/O, no clock, no threads; instances are immutable and thread-safe.
 */
public final class Linearizability {
    /** Ample for engine histories (tens of operations); bounds the memo to some tens of MB. */
    public static final int DEFAULT_MAX_CONFIGURATIONS = 200_000;

    private final int maxConfigurations;

    public Linearizability(int maxConfigurations) {
        if (maxConfigurations < 1) {
            throw new IllegalArgumentException("maxConfigurations must be at least 1: " + maxConfigurations);
        }
        this.maxConfigurations = maxConfigurations;
    }

    public Linearizability() {
        this(DEFAULT_MAX_CONFIGURATIONS);
    }

    /**
     * Checks {@code history}.
     *
     * @throws IllegalArgumentException if two operations share an id
     */
    public <S> LinResult check(SequentialSpec<S> spec, List<LinOp> history) {
        Set<Integer> ids = new HashSet<>();
        for (LinOp op : history) {
            if (!ids.add(op.id())) {
                throw new IllegalArgumentException("duplicate op id " + op.id());
            }
        }
        List<LinOp> relevant = new ArrayList<>();
        for (LinOp op : history) {
            boolean idleInfo = op.outcome() == LinOp.Outcome.INFO && spec.readOnly(op.call());
            if (op.outcome() != LinOp.Outcome.FAIL && !idleInfo) {
                relevant.add(op);
            }
        }
        relevant.sort(Comparator.comparingLong(LinOp::invoke).thenComparingInt(LinOp::id));
        List<LinResult.Partition> parts = new ArrayList<>();
        for (Map.Entry<List<String>, List<LinOp>> g : partition(spec, relevant).entrySet()) {
            parts.add(checkGroup(spec, g.getKey(), g.getValue()));
        }
        LinResult.Verdict v = LinResult.Verdict.LINEARIZABLE;
        for (LinResult.Partition p : parts) {
            if (p.verdict() == LinResult.Verdict.NOT_LINEARIZABLE) {
                v = LinResult.Verdict.NOT_LINEARIZABLE;
                break;
            }
            if (p.verdict() == LinResult.Verdict.UNKNOWN) {
                v = LinResult.Verdict.UNKNOWN;
            }
        }
        return new LinResult(v, parts);
    }

    private <S> LinResult.Partition checkGroup(SequentialSpec<S> spec, List<String> keys, List<LinOp> ops) {
        String where = keys.isEmpty() ? "history" : String.join(", ", keys);
        boolean[] unknown = new boolean[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            unknown[i] = ops.get(i).outcome() == LinOp.Outcome.INFO;
        }
        WglSearch.Outcome o = WglSearch.check(spec, ops, unknown, maxConfigurations);
        String counts = ops.size() + " ops, " + o.configurations() + " configurations explored";
        return switch (o.status()) {
            case LINEARIZABLE ->
                new LinResult.Partition(
                        keys,
                        LinResult.Verdict.LINEARIZABLE,
                        ops.size(),
                        o.configurations(),
                        Optional.empty(),
                        where + ": linearizable (" + counts + ").");
            case GAVE_UP ->
                new LinResult.Partition(
                        keys,
                        LinResult.Verdict.UNKNOWN,
                        ops.size(),
                        o.configurations(),
                        Optional.empty(),
                        where + ": UNKNOWN, the search stopped at its bound of " + maxConfigurations
                                + " configurations without a decision (" + ops.size()
                                + " ops; too many concurrent operations to check exhaustively).");
            case NOT_LINEARIZABLE -> {
                LinResult.Violation v = LinExplainer.explain(spec, ops, maxConfigurations, where);
                yield new LinResult.Partition(
                        keys,
                        LinResult.Verdict.NOT_LINEARIZABLE,
                        ops.size(),
                        o.configurations(),
                        Optional.of(v),
                        v.explanation() + " (" + counts + ".)");
            }
        };
    }

    /**
     * Groups ops whose key sets connect (union-find over keys), in order of each group's first
     * invocation; a group's name is its sorted keys. Any op without keys puts everything in one
     * group named by no key.
     */
    private static <S> Map<List<String>, List<LinOp>> partition(SequentialSpec<S> spec, List<LinOp> ops) {
        Map<Object, Object> parent = new HashMap<>();
        List<Set<Object>> keysOf = new ArrayList<>(ops.size());
        for (LinOp op : ops) {
            Set<Object> keys = spec.keys(op.call());
            if (keys.isEmpty()) {
                return ops.isEmpty() ? Map.of() : Map.of(List.of(), ops);
            }
            keysOf.add(keys);
            Object first = null;
            for (Object k : keys) {
                parent.putIfAbsent(k, k);
                if (first == null) {
                    first = k;
                } else {
                    union(parent, first, k);
                }
            }
        }
        Map<Object, List<LinOp>> byRoot = new LinkedHashMap<>();
        Map<Object, Set<String>> names = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            Object root = find(parent, keysOf.get(i).iterator().next());
            byRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(ops.get(i));
            for (Object k : keysOf.get(i)) {
                names.computeIfAbsent(root, r -> new TreeSet<>()).add(String.valueOf(k));
            }
        }
        Map<List<String>, List<LinOp>> out = new LinkedHashMap<>();
        byRoot.forEach((root, group) -> out.put(List.copyOf(names.get(root)), group));
        return out;
    }

    private static Object find(Map<Object, Object> parent, Object k) {
        Object p = parent.get(k);
        while (!p.equals(k)) {
            Object gp = parent.get(p);
            parent.put(k, gp); // path halving
            k = gp;
            p = parent.get(k);
        }
        return k;
    }

    private static void union(Map<Object, Object> parent, Object a, Object b) {
        Object ra = find(parent, a);
        Object rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
