package io.interlock.server.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts executions per fuzz target and, when the JVM ends, writes {@code <target>.txt} with the
 * count into the directory named by {@code -Dinterlock.fuzz.stats} (the build's fuzz step sets it),
 * so a campaign can report executions per target without parsing libFuzzer's output.
 */
final class FuzzStats {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final long STARTED = System.nanoTime();

    static {
        String dir = System.getProperty("interlock.fuzz.stats");
        if (dir != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(dir))));
        }
    }

    private FuzzStats() {}

    /** One execution of {@code target}. */
    static void hit(String target) {
        COUNTS.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet();
    }

    private static void write(Path dir) {
        long seconds = Math.max(1, (System.nanoTime() - STARTED) / 1_000_000_000L);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, AtomicLong> e : COUNTS.entrySet()) {
                long n = e.getValue().get();
                Files.writeString(
                        dir.resolve(e.getKey() + ".txt"),
                        "target=" + e.getKey() + "\nexecutions=" + n + "\nseconds=" + seconds + "\nexec_per_s="
                                + n / seconds + "\n");
            }
        } catch (IOException e) {
            System.err.println("fuzz stats not written: " + e);
        }
    }
}
