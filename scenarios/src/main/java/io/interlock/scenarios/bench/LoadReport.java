package io.interlock.scenarios.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link LoadRun}.
 *
 * @param clients simulated clients (half SMB, half NFS)
 * @param duration how long the run lasted
 * @param ops operations completed
 * @param latencies per operation kind ("smb.write.private", ...): count and percentiles in µs
 * @param errors operations that failed (exceptions), by kind
 * @param lostWrites reads of a private file that did not return the client's own last write
 * @param badSharedReads reads of a shared block that returned something no client wrote there
 * @param rss the server's resident set size over time
 */
public record LoadReport(
        int clients,
        Duration duration,
        long ops,
        Map<String, Latency> latencies,
        Map<String, Long> errors,
        long lostWrites,
        long badSharedReads,
        List<RssSample> rss) {

    /** Count and latency percentiles of one operation kind, in microseconds. */
    public record Latency(long count, long p50, long p90, long p99, long p999, long max) {}

    /** One RSS sample: seconds since the start, KiB. */
    public record RssSample(long second, long kib) {}

    public double opsPerSecond() {
        return ops / Math.max(0.001, duration.toMillis() / 1000.0);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A plain-text summary. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "load: %d clients, %.1f s, %d ops, %.0f ops/s, %d errors, %d lost writes, %d bad shared reads%n",
                clients,
                duration.toMillis() / 1000.0,
                ops,
                opsPerSecond(),
                errorCount(),
                lostWrites,
                badSharedReads));
        b.append(String.format(
                Locale.ROOT,
                "  %-20s %9s %8s %8s %8s %8s %9s%n",
                "op (latency µs)",
                "count",
                "p50",
                "p90",
                "p99",
                "p99.9",
                "max"));
        latencies.forEach((k, l) -> b.append(String.format(
                Locale.ROOT,
                "  %-20s %9d %8d %8d %8d %8d %9d%n",
                k,
                l.count(),
                l.p50(),
                l.p90(),
                l.p99(),
                l.p999(),
                l.max())));
        errors.forEach(
                (k, n) -> b.append("  error ").append(k).append(": ").append(n).append('\n'));
        if (!rss.isEmpty()) {
            long min = rss.stream().mapToLong(RssSample::kib).min().orElse(0);
            long max = rss.stream().mapToLong(RssSample::kib).max().orElse(0);
            b.append(String.format(
                    Locale.ROOT,
                    "  server RSS MiB: first %.0f, min %.0f, max %.0f, last %.0f (%d samples)%n",
                    rss.get(0).kib() / 1024.0,
                    min / 1024.0,
                    max / 1024.0,
                    rss.get(rss.size() - 1).kib() / 1024.0,
                    rss.size()));
            b.append("  RSS over time (s:MiB):");
            int step = Math.max(1, rss.size() / 20);
            for (int i = 0; i < rss.size(); i += step) {
                b.append(' ')
                        .append(rss.get(i).second())
                        .append(':')
                        .append(rss.get(i).kib() / 1024);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
