package io.interlock.scenarios.targets.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the outside tools the local target needs (ip, unshare, smbpasswd, ...), bounded in time. */
final class Commands {
    private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/local/sbin"));

    private Commands() {}

    /** The result of one command. */
    record Result(int exit, String output) {}

    /**
     * Runs {@code cmd} with {@code stdin} (may be null) and returns its exit status and output. The
     * output goes to a file, not a pipe: a daemon the command starts may keep its inherited output
     * open, and a pipe reader would then wait for it forever.
     */
    static Result run(List<String> cmd, String stdin, Duration timeout) throws IOException {
        Path out = Files.createTempFile("interlock-cmd-", ".out");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try {
                if (stdin != null) {
                    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                p.getOutputStream().close();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " did not finish within " + timeout);
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8).strip());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted running " + cmd.get(0));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code cmd}; a non-zero exit is an IOException carrying the output. */
    static String check(List<String> cmd, String stdin, Duration timeout) throws IOException {
        Result r = run(cmd, stdin, timeout);
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    static String check(List<String> cmd) throws IOException {
        return check(cmd, null, Duration.ofSeconds(30));
    }

    /** Where {@code tool} is on PATH (or in the sbin directories, which a non-login PATH may miss). */
    static Optional<Path> which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Optional.of(Path.of(d, tool));
            }
        }
        return SBIN.stream()
                .map(d -> d.resolve(tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** True when this process runs as root (uid 0). */
    static boolean isRoot() {
        try {
            return run(List.of("id", "-u"), null, Duration.ofSeconds(5))
                    .output()
                    .equals("0");
        } catch (IOException e) {
            return false;
        }
    }
}
