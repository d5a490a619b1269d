package io.interlock.scenarios.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link BenchResult} as a table and reads and writes it as JSON. */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {}

    public static void write(BenchResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), r);
    }

    public static BenchResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchResult.class);
    }

    /** The table: per measure and target count, p50, p99, p99.9, max; MB/s for transfers; A/B ratio. */
    public static String render(BenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append("bench ").append(r.workload()).append(": ").append(r.rounds()).append(" round(s) per target");
        if (r.targets().size() == 2) {
            b.append(", alternating A B A B; ratio = A / B of the p50 (below 1: A is faster)");
        }
        b.append('\n');
        char letter = 'A';
        for (BenchResult.TargetInfo t : r.targets()) {
            b.append("  ")
                    .append(letter++)
                    .append(" = ")
                    .append(t.label())
                    .append(": ")
                    .append(t.description());
            b.append('\n');
        }
        if (!r.parameters().isEmpty()) {
            b.append("  settings:");
            for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
                b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            b.append('\n');
        }
        b.append(String.format(
                Locale.ROOT,
                "%-26s %-16s %7s %10s %10s %10s %10s %9s%n",
                "measure",
                "target",
                "count",
                "p50",
                "p99",
                "p99.9",
                "max",
                "MB/s"));
        for (BenchResult.Measure m : r.measures()) {
            boolean first = true;
            for (Map.Entry<String, BenchResult.Stats> e : m.byTarget().entrySet()) {
                BenchResult.Stats s = e.getValue();
                String name = first ? m.name() + " (" + m.unit() + ")" : "";
                first = false;
                if (s.count() == 0) {
                    b.append(String.format(
                            Locale.ROOT,
                            "%-26s %-16s %7d   %s%n",
                            name,
                            e.getKey(),
                            0,
                            s.note() == null ? "no samples" : s.note()));
                    continue;
                }
                String rate = m.bytes() > 0 && s.p50() > 0
                        ? String.format(Locale.ROOT, "%9.1f", m.bytes() / 1e6 / s.p50())
                        : "";
                b.append(String.format(
                        Locale.ROOT,
                        "%-26s %-16s %7d %10s %10s %10s %10s %9s%n",
                        name,
                        e.getKey(),
                        s.count(),
                        num(s.p50()),
                        num(s.p99()),
                        num(s.p999()),
                        num(s.max()),
                        rate));
                if (s.errors() > 0) {
                    b.append(String.format(Locale.ROOT, "%-26s %-16s %d failed: %s%n", "", "", s.errors(), s.note()));
                }
            }
            if (m.ratio() != null) {
                b.append(String.format(Locale.ROOT, "%-26s %-16s %.2fx%n", "", "ratio A/B", m.ratio()));
            }
        }
        for (BenchResult.TargetInfo t : r.targets()) {
            if (t.rss() != null) {
                BenchResult.Memory m = t.rss();
                b.append(String.format(
                        Locale.ROOT,
                        "memory %s: RSS %.0f MiB, peak %.0f MiB, file data held %.0f MiB",
                        t.label(),
                        m.rssMiB(),
                        m.peakRssMiB(),
                        m.heldMiB()));
                if (m.heldMiB() > 0) {
                    b.append(String.format(
                            Locale.ROOT,
                            " (peak = %.2f x held + %.0f MiB over 1.3 x held)",
                            m.peakRssMiB() / m.heldMiB(),
                            m.peakRssMiB() - 1.3 * m.heldMiB()));
                }
                b.append('\n');
            }
        }
        for (String n : r.notes()) {
            b.append("note: ").append(n).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
