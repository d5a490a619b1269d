package io.interlock.scenarios.bench;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link BenchWorkload} on one or two targets: opens a session on each, then {@code rounds}
 * rounds alternating A B A B, and collects the result. A session that fails to open, or a round that
 * throws, is noted and the run goes on with what remains.
 */
public final class BenchRun {
    private BenchRun() {}

    /**
     * @param workload what to run
     * @param targets A, and B when comparing
     * @param rounds rounds per target (at least 1)
     * @param progress one line per round, flushed as it goes
     */
    public static BenchResult run(BenchWorkload workload, List<BenchTarget> targets, int rounds, PrintWriter progress) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        Instant started = Instant.now();
        List<String> labels = targets.stream().map(BenchTarget::label).toList();
        BenchRecorder rec = new BenchRecorder(labels);
        workload.declare(rec);
        workload.warmClient();
        List<BenchWorkload.TargetSession> sessions = new ArrayList<>();
        List<BenchResult.TargetInfo> infos = new ArrayList<>();
        try {
            for (BenchTarget t : targets) {
                BenchWorkload.TargetSession s = null;
                try {
                    s = workload.open(t, rec);
                } catch (Exception e) {
                    rec.note(t.label() + ": the " + workload.name() + " workload could not start: " + message(e));
                }
                sessions.add(s);
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < targets.size(); i++) {
                    BenchWorkload.TargetSession s = sessions.get(i);
                    if (s == null) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    try {
                        s.round(r);
                    } catch (Exception e) {
                        rec.note(targets.get(i).label() + ": round " + (r + 1) + " failed: " + message(e));
                    }
                    progress.printf(
                            Locale.ROOT,
                            "  round %d/%d %-16s %.1f s%n",
                            r + 1,
                            rounds,
                            targets.get(i).label(),
                            (System.nanoTime() - t0) / 1e9);
                    progress.flush();
                }
            }
        } finally {
            for (int i = 0; i < targets.size(); i++) {
                BenchTarget t = targets.get(i);
                BenchWorkload.TargetSession s = i < sessions.size() ? sessions.get(i) : null;
                long held = s == null ? 0 : s.heldBytes();
                BenchResult.Memory mem = t.memory()
                        .flatMap(m -> m.rssKiB().flatMap(rss -> m.peakKiB()
                                .map(peak ->
                                        new BenchResult.Memory(rss / 1024.0, peak / 1024.0, held / (1024.0 * 1024.0)))))
                        .orElse(null);
                infos.add(new BenchResult.TargetInfo(t.label(), t.describe(), mem));
                if (s != null) {
                    s.close();
                }
            }
        }
        return new BenchResult(
                workload.name(), started, host(), infos, rounds, workload.parameters(), rec.measures(), rec.notes());
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Processors, OS and Java of this machine. */
    static String host() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    }
}
