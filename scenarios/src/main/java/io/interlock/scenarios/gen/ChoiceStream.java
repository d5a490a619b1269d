package io.interlock.scenarios.gen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The only source of randomness of the engine (STYLE rule 16): every decision of a run is a draw
 * from this stream, and every draw is recorded, so that {@link #choices()} replays the run and the
 * {@link Shrinker} can shrink it.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li><b>seeded</b> ({@link #fromSeed(long)}): draws come from a SplitMix64 generator (Steele,
 *       Lea &amp; Flood, OOPSLA 2014), written out here so that a seed means the same program on
 *       every JDK;
 *   <li><b>replay</b> ({@link #replay(Choices)}): draws return the recorded values in order, each
 *       clamped to its bound with {@code min(value, bound - 1)} (never {@code value % bound}, which
 *       would turn a shrunk value into an unrelated one), and 0 once the sequence is exhausted.
 *       So any prefix or edit of a sequence is a valid program, and 0 is always the simplest
 *       choice: write generators so that the first option is the simplest one.
 * </ul>
 *
 * <p>Each draw records exactly one non-negative value: the number returned by {@link #draw},
 * {@link #drawLong} and {@link #between} (minus {@code min}), the index chosen by {@link #pick}
 * and {@link #weighted}, 1 or 0 for {@link #flip}. In replay mode the recorded value is the one
 * actually used (after clamping), so the replay's {@code choices()} is the normal form of its
 * input. {@link #startSpan}/{@link #endSpan} group draws into logical units that the shrinker
 * deletes or zeroes as a whole.
 *
 * <p>Not thread-safe: one stream belongs to one run, and the run's decisions are made in one
 * order (that order is what makes a run reproducible).
 */
public final class ChoiceStream {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long[] replay; // null in seeded mode
    private long seed; // SplitMix64 state (seeded mode)
    private long[] recorded = new long[32];
    private int size;
    private int overrun;
    private final Deque<OpenSpan> open = new ArrayDeque<>();
    private final List<Choices.Span> spans = new ArrayList<>();

    private record OpenSpan(String label, int start) {}

    private ChoiceStream(long seed, long[] replay) {
        this.seed = seed;
        this.replay = replay;
    }

    /** A stream that makes fresh decisions from {@code seed}. */
    public static ChoiceStream fromSeed(long seed) {
        return new ChoiceStream(seed, null);
    }

    /** A stream that replays recorded choices (clamped; 0 once exhausted). */
    public static ChoiceStream replay(Choices choices) {
        return new ChoiceStream(0, choices.values());
    }

    /** How many draws have been made so far. */
    public int position() {
        return size;
    }

    /** In replay mode, how many draws found the sequence exhausted and answered 0. */
    public int overrun() {
        return overrun;
    }

    /**
     * A number uniform in {@code [0, bound)}.
     *
     * @throws IllegalArgumentException if {@code bound < 1}
     */
    public int draw(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1: " + bound);
        }
        return (int) next(bound);
    }

    /**
     * A number uniform in {@code [0, bound)}.
     *
     * @throws IllegalArgumentException if {@code bound < 1}
     */
    public long drawLong(long bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1: " + bound);
        }
        return next(bound);
    }

    /** A number uniform in {@code [min, max]}; shrinks toward {@code min}. */
    public int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        return (int) (min + next((long) max - min + 1));
    }

    /**
     * True with probability {@code percent}/100 (0 and below: never, 100 and above: always). Records 1
     * for true and 0 for false, so it shrinks toward false; a forced answer is recorded as given.
     */
    public boolean flip(int percent) {
        boolean result;
        if (percent <= 0 || percent >= 100) {
            result = percent >= 100;
            if (replay != null) {
                consumeReplay(2);
            }
        } else if (replay != null) {
            result = consumeReplay(2) == 1;
        } else {
            result = bounded(100) < percent;
        }
        record(result ? 1 : 0);
        return result;
    }

    /** One of the options, uniformly; shrinks toward the first. */
    public <T> T pick(List<T> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick from");
        }
        return options.get(draw(options.size()));
    }

    /**
     * An index chosen with probability proportional to its weight; shrinks toward the first index
     * with a positive weight. A zero-weight index is never returned, also not in replay: a
     * recorded index whose weight is 0 moves to the nearest lower index with a positive weight,
     * else the nearest higher one.
     *
     * @throws IllegalArgumentException if a weight is negative or all are 0
     */
    public int weighted(int... weights) {
        long total = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight in " + Arrays.toString(weights));
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no positive weight in " + Arrays.toString(weights));
        }
        int index;
        if (replay != null) {
            index = (int) consumeReplay(weights.length);
            int down = index;
            while (down >= 0 && weights[down] == 0) {
                down--;
            }
            if (down >= 0) {
                index = down;
            } else {
                while (weights[index] == 0) {
                    index++;
                }
            }
        } else {
            long r = bounded(total);
            index = 0;
            while (r >= weights[index]) {
                r -= weights[index];
                index++;
            }
        }
        record(index);
        return index;
    }

    /** Opens a span: the draws until the matching {@link #endSpan()} form one logical unit. */
    public void startSpan(String label) {
        open.push(new OpenSpan(Objects.requireNonNull(label, "label"), size));
    }

    /**
     * Closes the innermost open span. Spans without draws are not recorded.
     *
     * @throws IllegalStateException if no span is open
     */
    public void endSpan() {
        if (open.isEmpty()) {
            throw new IllegalStateException("endSpan() without startSpan()");
        }
        OpenSpan s = open.pop();
        if (size > s.start()) {
            spans.add(new Choices.Span(s.label(), s.start(), size, open.size()));
        }
    }

    /** Runs {@code body} inside a span and returns its value; the span is closed on exceptions too. */
    public <T> T span(String label, Supplier<T> body) {
        startSpan(label);
        try {
            return body.get();
        } finally {
            endSpan();
        }
    }

    /**
     * The choices recorded so far. Spans still open (a run that failed mid-operation) are included
     * as if closed now.
     */
    public Choices choices() {
        List<Choices.Span> all = new ArrayList<>(spans);
        int depth = open.size();
        for (OpenSpan s : open) {
            depth--;
            if (size > s.start()) {
                all.add(new Choices.Span(s.label(), s.start(), size, depth));
            }
        }
        return Choices.of(Arrays.copyOf(recorded, size), all);
    }

    private long next(long bound) {
        long v = replay != null ? consumeReplay(bound) : bounded(bound);
        record(v);
        return v;
    }

    private long consumeReplay(long bound) {
        if (size >= replay.length) {
            overrun++;
            return 0;
        }
        return Math.min(replay[size], bound - 1);
    }

    private void record(long v) {
        if (size == recorded.length) {
            recorded = Arrays.copyOf(recorded, size * 2);
        }
        recorded[size++] = v;
    }

    /** Uniform in [0, bound) without modulo bias (rejection sampling, as java.util.Random does). */
    private long bounded(long bound) {
        long m = bound - 1;
        if ((bound & m) == 0) {
            return nextLong() & m;
        }
        long u = nextLong() >>> 1;
        long r;
        while (u - (r = u % bound) + m < 0) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** SplitMix64: one Weyl step, then the Stafford variant-13 mix. */
    private long nextLong() {
        long z = (seed += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
