package io.interlock.scenarios.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A server process's memory as Linux reports it in {@code /proc/PID/status}: VmRSS (resident now)
 * and VmHWM (the resident peak over the process's life).
 *
 * @param pid the process
 * @param label how reports name it, e.g. "this JVM (server and clients)"
 */
public record ProcessMemory(long pid, String label) {
    /** This JVM: an embedded server shares it with the bench's own clients. */
    public static ProcessMemory self() {
        return new ProcessMemory(ProcessHandle.current().pid(), "this JVM (embedded server and the bench's clients)");
    }

    /** VmRSS in KiB, or empty where there is no such process or file. */
    public Optional<Long> rssKiB() {
        return field("VmRSS:");
    }

    /** VmHWM in KiB, or empty where there is no such process or file. */
    public Optional<Long> peakKiB() {
        return field("VmHWM:");
    }

    private Optional<Long> field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
