package io.interlock.scenarios.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Collects the samples of a bench run: latencies into one HdrHistogram per (measure, target),
 * transfer times as plain lists, failures and notes. Measures keep the order in which they were
 * first declared. Not thread-safe: the bench driver records from one thread.
 */
public final class BenchRecorder {
    /** Longest latency a histogram holds: one minute, in nanoseconds. */
    private static final long MAX_NANOS = 60_000_000_000L;

    private final List<String> targets;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** @param targets the target labels, A first */
    public BenchRecorder(List<String> targets) {
        this.targets = List.copyOf(targets);
    }

    public List<String> targets() {
        return targets;
    }

    /** Declares a latency measure (reported in microseconds). Declaring again is a no-op. */
    public void latency(String name, String description) {
        series.computeIfAbsent(name, n -> new Series(n, "us", description, 0));
    }

    /** Declares a transfer measure (reported in seconds, with MB/s from {@code bytes}). */
    public void transfer(String name, String description, long bytes) {
        series.computeIfAbsent(name, n -> new Series(n, "s", description, bytes));
    }

    /** Records a latency in nanoseconds. */
    public void nanos(String name, String target, long nanos) {
        Series s = get(name);
        s.of(target).histogram.recordValue(Math.min(Math.max(0, nanos), MAX_NANOS));
    }

    /** Records one transfer's duration in nanoseconds. */
    public void transferNanos(String name, String target, long nanos) {
        get(name).of(target).samples.add(nanos / 1e9);
    }

    /** Counts a failed operation of {@code name} on {@code target} and keeps its first message. */
    public void error(String name, String target, String message) {
        PerTarget p = get(name).of(target);
        p.errors++;
        if (p.note == null) {
            p.note = message;
        }
    }

    /** Why {@code name} has no (or few) samples on {@code target}. */
    public void skip(String name, String target, String why) {
        get(name).of(target).note = why;
    }

    /** A note for the whole run (printed and kept in the JSON). */
    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Samples recorded so far for {@code name} on {@code target}. */
    public long count(String name, String target) {
        Series s = series.get(name);
        if (s == null) {
            return 0;
        }
        PerTarget p = s.byTarget.get(target);
        return p == null ? 0 : p.histogram.getTotalCount() + p.samples.size();
    }

    private Series get(String name) {
        Series s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException("measure not declared: " + name);
        }
        return s;
    }

    /** The measures with their statistics; ratios are A's p50 over B's. */
    public List<BenchResult.Measure> measures() {
        List<BenchResult.Measure> out = new ArrayList<>();
        for (Series s : series.values()) {
            Map<String, BenchResult.Stats> by = new LinkedHashMap<>();
            for (String t : targets) {
                PerTarget p = s.byTarget.get(t);
                by.put(t, p == null ? empty("not measured") : p.stats(s.unit));
            }
            Double ratio = null;
            if (targets.size() == 2) {
                BenchResult.Stats a = by.get(targets.get(0));
                BenchResult.Stats b = by.get(targets.get(1));
                if (a.count() > 0 && b.count() > 0 && b.p50() > 0) {
                    ratio = a.p50() / b.p50();
                }
            }
            out.add(new BenchResult.Measure(s.name, s.unit, s.description, s.bytes, by, ratio));
        }
        return out;
    }

    private static BenchResult.Stats empty(String note) {
        return new BenchResult.Stats(0, 0, 0, 0, 0, 0, List.of(), 0, note);
    }

    private static final class Series {
        final String name;
        final String unit;
        final String description;
        final long bytes;
        final Map<String, PerTarget> byTarget = new LinkedHashMap<>();

        Series(String name, String unit, String description, long bytes) {
            this.name = name;
            this.unit = unit;
            this.description = description;
            this.bytes = bytes;
        }

        PerTarget of(String target) {
            return byTarget.computeIfAbsent(target, t -> new PerTarget());
        }
    }

    private static final class PerTarget {
        final Histogram histogram = new Histogram(MAX_NANOS, 3);
        final List<Double> samples = new ArrayList<>();
        long errors;
        String note;

        BenchResult.Stats stats(String unit) {
            if (!samples.isEmpty()) {
                List<Double> sorted = new ArrayList<>(samples);
                sorted.sort(Double::compare);
                return new BenchResult.Stats(
                        sorted.size(),
                        sorted.get(0),
                        median(sorted),
                        percentile(sorted, 99),
                        percentile(sorted, 99.9),
                        sorted.get(sorted.size() - 1),
                        List.copyOf(samples),
                        errors,
                        note);
            }
            long n = histogram.getTotalCount();
            if (n == 0) {
                return new BenchResult.Stats(0, 0, 0, 0, 0, 0, List.of(), errors, note);
            }
            double scale = unit.equals("us") ? 1e3 : 1e9;
            return new BenchResult.Stats(
                    n,
                    histogram.getMinValue() / scale,
                    histogram.getValueAtPercentile(50) / scale,
                    histogram.getValueAtPercentile(99) / scale,
                    histogram.getValueAtPercentile(99.9) / scale,
                    histogram.getMaxValue() / scale,
                    List.of(),
                    errors,
                    note);
        }

        private static double median(List<Double> sorted) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /** Nearest-rank percentile. */
        private static double percentile(List<Double> sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }
}
