package io.interlock.scenarios.checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Wing &amp; Gong linearizability search (J. Parallel Distrib. Comput. 1993) with Lowe's
 * memoisation ("Testing for linearizability", CCPE 2017): the history is a doubly linked list of
 * call and return entries in time order; the search repeatedly linearizes a call entry that comes
 * before every pending return (lifting the call and its return out of the list), and backtracks
 * when it reaches a return whose call it has not linearized. A (linearized set, state) pair seen
 * before is never explored again, which turns the exponential search into one bounded by the number
 * of distinct configurations; {@code maxConfigurations} bounds that number.
 *
 * <p>Operations flagged {@code unknown} (INFO, or pending at the cut of a prefix) have no return
 * entry, are stepped with a {@code null} result, and may stay unlinearized: the search succeeds
 * when every return entry is gone.
 */
final class WglSearch {
    private WglSearch() {}

    enum Status {
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        GAVE_UP
    }

    /** The answer, and how many distinct configurations the search explored. */
    record Outcome(Status status, long configurations) {}

    /** A memo entry: which ops are linearized, and the state they produced. */
    record Config(long[] bits, Object state, int hash) {
        static Config of(long[] bits, Object state) {
            return new Config(bits, state, 31 * Arrays.hashCode(bits) + state.hashCode());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && hash == c.hash && Arrays.equals(bits, c.bits) && state.equals(c.state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Entry {
        final int op;
        final boolean call;
        final long time;
        Entry match; // the call's return entry; null for unknown ops and for returns
        Entry prev;
        Entry next;

        Entry(int op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    private record Frame(Entry call, Object state) {}

    static <S> Outcome check(SequentialSpec<S> spec, List<LinOp> ops, boolean[] unknown, int maxConfigurations) {
        Entry head = build(ops, unknown);
        int returnsLeft = 0;
        for (Entry e = head.next; e != null; e = e.next) {
            returnsLeft += e.call ? 0 : 1;
        }
        long[] bits = new long[(ops.size() + 63) / 64];
        Set<Config> seen = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        S state = spec.init();
        Entry entry = head.next;
        while (returnsLeft > 0) {
            if (entry == null) {
                // Unreachable: from the head the scan meets a return before the end while any is left.
                throw new IllegalStateException("scan passed every entry with " + returnsLeft + " returns left");
            }
            if (entry.call) {
                LinOp op = ops.get(entry.op);
                Optional<S> next = spec.step(state, op.call(), unknown[entry.op] ? null : op.result());
                if (next.isPresent()) {
                    long[] nb = bits.clone();
                    nb[entry.op >>> 6] |= 1L << entry.op;
                    if (seen.add(Config.of(nb, next.get()))) {
                        if (seen.size() > maxConfigurations) {
                            return new Outcome(Status.GAVE_UP, seen.size());
                        }
                        stack.push(new Frame(entry, state));
                        state = next.get();
                        bits = nb;
                        lift(entry);
                        returnsLeft -= entry.match != null ? 1 : 0;
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                // The return of an op not yet linearized: nothing can go before it, so undo the last choice.
                if (stack.isEmpty()) {
                    return new Outcome(Status.NOT_LINEARIZABLE, seen.size());
                }
                Frame f = stack.pop();
                @SuppressWarnings("unchecked")
                S previous = (S) f.state();
                state = previous;
                bits = bits.clone();
                bits[f.call().op >>> 6] &= ~(1L << f.call().op);
                unlift(f.call());
                returnsLeft += f.call().match != null ? 1 : 0;
                entry = f.call().next;
            }
        }
        return new Outcome(Status.LINEARIZABLE, seen.size());
    }

    /** Entries by time; at equal times calls before returns, so that touching intervals overlap. */
    private static Entry build(List<LinOp> ops, boolean[] unknown) {
        List<Entry> entries = new ArrayList<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++) {
            LinOp op = ops.get(i);
            Entry call = new Entry(i, true, op.invoke());
            entries.add(call);
            if (!unknown[i]) {
                Entry ret = new Entry(i, false, op.effectiveComplete());
                call.match = ret;
                entries.add(ret);
            }
        }
        entries.sort(Comparator.comparingLong((Entry e) -> e.time)
                .thenComparing(e -> !e.call)
                .thenComparingInt(e -> e.op));
        Entry head = new Entry(-1, true, Long.MIN_VALUE);
        Entry last = head;
        for (Entry e : entries) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        return head;
    }

    private static void lift(Entry call) {
        unlink(call);
        if (call.match != null) {
            unlink(call.match);
        }
    }

    /** Undoes {@link #lift}: relink in the reverse order of unlinking. */
    private static void unlift(Entry call) {
        if (call.match != null) {
            relink(call.match);
        }
        relink(call);
    }

    private static void unlink(Entry e) {
        e.prev.next = e.next;
        if (e.next != null) {
            e.next.prev = e.prev;
        }
    }

    private static void relink(Entry e) {
        e.prev.next = e;
        if (e.next != null) {
            e.next.prev = e;
        }
    }
}
