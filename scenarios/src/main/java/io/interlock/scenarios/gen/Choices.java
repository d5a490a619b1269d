package io.interlock.scenarios.gen;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An immutable recorded choice sequence: every decision a run made, in order, as a non-negative
 * number, plus the spans (logical units such as "an operation" or "a client") that grouped them.
 *
 * <p>A sequence replayed through {@link ChoiceStream#replay(Choices)} rebuilds the same program.
 * Any edit of it is also a valid program, because replay clamps each value to its draw's bound and
 * answers 0 once the sequence runs out; that is what lets the {@link Shrinker} work on the numbers
 * instead of on the program (Hypothesis's design, MacIver &amp; Donaldson, ECOOP 2020).
 *
 * <p>Order: {@link #SHORTLEX} (shorter first, then lexicographic by value) is the order the
 * shrinker minimises; it looks only at the values, never at the spans. {@link #equals} compares
 * values and spans.
 *
 * <p>Text form: {@link #encode()} writes each value as an unsigned LEB128 varint and the bytes as
 * unpadded base64url, so a repro line holds only {@code [A-Za-z0-9_-]}; spans are not encoded
 * (a replay records them afresh).
 */
public final class Choices {
    /** Shorter first, then lexicographic by value; spans are ignored. */
    public static final Comparator<Choices> SHORTLEX = Choices::compareShortlex;

    private static final Choices EMPTY = new Choices(new long[0], List.of());

    private final long[] values;
    private final List<Span> spans;
    private final int hash;

    /**
     * One logical unit of a run: the choices {@code [start, end)} drawn between {@code
     * startSpan(label)} and the matching {@code endSpan()}, nested {@code depth} spans deep.
     */
    public record Span(String label, int start, int end, int depth) {
        public Span {
            Objects.requireNonNull(label, "label");
            if (start < 0 || end < start || depth < 0) {
                throw new IllegalArgumentException(
                        "bad span " + label + " [" + start + ", " + end + ") depth " + depth);
            }
        }

        public int length() {
            return end - start;
        }
    }

    private Choices(long[] values, List<Span> spans) {
        this.values = values;
        this.spans = spans;
        this.hash = 31 * Arrays.hashCode(values) + spans.hashCode();
    }

    /** A sequence of the given values without spans. */
    public static Choices of(long... values) {
        return new Choices(checked(values.clone()), List.of());
    }

    /** A sequence with spans; each span must lie within the values. */
    public static Choices of(long[] values, List<Span> spans) {
        long[] v = checked(values.clone());
        for (Span s : spans) {
            if (s.end() > v.length) {
                throw new IllegalArgumentException("span " + s + " beyond " + v.length + " choices");
            }
        }
        return new Choices(v, sorted(spans));
    }

    public static Choices empty() {
        return EMPTY;
    }

    public int size() {
        return values.length;
    }

    public long get(int index) {
        return values[index];
    }

    /** A copy of the values. */
    public long[] values() {
        return values.clone();
    }

    /** The spans, ordered by start, then outermost first. */
    public List<Span> spans() {
        return spans;
    }

    /** Whether this sorts strictly before {@code other} in {@link #SHORTLEX}. */
    public boolean isSimplerThan(Choices other) {
        return compareShortlex(this, other) < 0;
    }

    /**
     * The sequence without the choices {@code [from, to)}. Spans after the cut move left, spans
     * that overlap it lose the deleted part, and spans left empty disappear.
     */
    public Choices delete(int from, int to) {
        Objects.checkFromToIndex(from, to, values.length);
        int n = to - from;
        if (n == 0) {
            return this;
        }
        long[] v = new long[values.length - n];
        System.arraycopy(values, 0, v, 0, from);
        System.arraycopy(values, to, v, from, values.length - to);
        List<Span> out = new ArrayList<>(spans.size());
        for (Span s : spans) {
            int start = shift(s.start(), from, to);
            int end = shift(s.end(), from, to);
            if (end > start) {
                out.add(new Span(s.label(), start, end, s.depth()));
            }
        }
        return new Choices(v, sorted(out));
    }

    /** The sequence with other values, keeping the spans that still fit. */
    public Choices withValues(long[] newValues) {
        long[] v = checked(newValues.clone());
        List<Span> out = new ArrayList<>(spans.size());
        for (Span s : spans) {
            int end = Math.min(s.end(), v.length);
            if (end > s.start()) {
                out.add(new Span(s.label(), s.start(), end, s.depth()));
            }
        }
        return new Choices(v, List.copyOf(out));
    }

    /** The sequence with one value replaced. */
    public Choices with(int index, long value) {
        long[] v = values.clone();
        v[index] = value;
        return withValues(v);
    }

    /**
     * The sequence without its trailing zeros. Under {@link ChoiceStream#replay} it builds the same
     * program, since an exhausted replay answers 0.
     */
    public Choices withoutTrailingZeros() {
        int n = values.length;
        while (n > 0 && values[n - 1] == 0) {
            n--;
        }
        return n == values.length ? this : withValues(Arrays.copyOf(values, n));
    }

    /** The compact text form: unsigned LEB128 varints, unpadded base64url. */
    public String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.length + 8);
        for (long v : values) {
            long x = v;
            while ((x & ~0x7FL) != 0) {
                out.write((int) ((x & 0x7F) | 0x80));
                x >>>= 7;
            }
            out.write((int) x);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * Parses {@link #encode()}'s text form (surrounding whitespace is ignored).
     *
     * @throws IllegalArgumentException if the text is not base64url, a varint is truncated, not in
     *     its shortest form, or does not fit a non-negative long
     */
    public static Choices decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("choices are not base64url: " + e.getMessage(), e);
        }
        long[] v = new long[bytes.length];
        int n = 0;
        int i = 0;
        while (i < bytes.length) {
            long x = 0;
            int shift = 0;
            int start = i;
            while (true) {
                if (i == bytes.length) {
                    throw new IllegalArgumentException("choice " + n + " is truncated");
                }
                int b = bytes[i++] & 0xFF;
                if (shift == 56 && b > 0x7F) {
                    throw new IllegalArgumentException("choice " + n + " does not fit a non-negative long");
                }
                x |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (b == 0 && i - start > 1) {
                        throw new IllegalArgumentException("choice " + n + " is not in shortest form");
                    }
                    break;
                }
                shift += 7;
            }
            v[n++] = x;
        }
        return new Choices(Arrays.copyOf(v, n), List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Choices c && hash == c.hash && Arrays.equals(values, c.values) && spans.equals(c.spans);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Whether both hold the same values, whatever their spans. */
    public boolean sameValues(Choices other) {
        return Arrays.equals(values, other.values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Choices[");
        int shown = Math.min(values.length, 64);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        if (shown < values.length) {
            sb.append(",… (").append(values.length).append(" choices)");
        }
        return sb.append(']').toString();
    }

    private static int compareShortlex(Choices a, Choices b) {
        if (a.values.length != b.values.length) {
            return Integer.compare(a.values.length, b.values.length);
        }
        return Arrays.compare(a.values, b.values);
    }

    private static int shift(int x, int from, int to) {
        return x < from ? x : x >= to ? x - (to - from) : from;
    }

    private static long[] checked(long[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw new IllegalArgumentException("choice " + i + " is negative: " + v[i]);
            }
        }
        return v;
    }

    private static List<Span> sorted(List<Span> spans) {
        List<Span> s = new ArrayList<>(spans);
        s.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::depth));
        return List.copyOf(s);
    }
}
