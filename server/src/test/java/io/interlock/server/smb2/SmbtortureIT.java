package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samba's smbtorture 4.17 {@code smb2.lease} and {@code smb2.oplock} suites (catalog
 * smb2-leases-oplocks.md §3) against the embedded server. The expected failures are data: {@code
 * smbtorture-known-failures.txt}, one line per subtest with its reason. A failure not listed there
 * fails the build, and so does a listed subtest that now passes (remove its line).
 *
 * <p>The break timeout stays at the 35 s default: {@code lease.timeout} and {@code oplock.batch22a}
 * wait for it (batch22a needs 34–50 s, R-SMB-67), and shorter timeouts make other subtests race
 * their one-second "no break" waits. The two suites run side by side, each against its own server;
 * the test takes about 3.5 minutes on two shared cores (lease ≈ 190 s, oplock ≈ 110 s).
 */
class SmbtortureIT {
    private static final Logger log = LoggerFactory.getLogger(SmbtortureIT.class);
    private static final Path SMBTORTURE = Path.of("/usr/bin/smbtorture");
    private static final Pattern RESULT = Pattern.compile("^(success|failure|error|skip|xfail): (\\S+)");
    private static final List<String> SUITES = List.of("smb2.lease", "smb2.oplock");
    /** One server per suite, so the two suites run side by side without sharing files. */
    private static final Map<String, Smb2TestServer> servers = new LinkedHashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SMBTORTURE), "smbtorture not installed at /usr/bin/smbtorture");
        for (String suite : SUITES) {
            servers.put(
                    suite,
                    new Smb2TestServer(
                            ServerConfig.ephemeral(),
                            io.interlock.server.smb2.handlers.Smb2Options.defaults(),
                            new LockManagerConfig(LockManagerConfig.DEFAULT_BREAK_TIMEOUT)));
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(Smb2TestServer::close);
        servers.clear();
    }

    @Test
    void leaseAndOplockSuites_againstEmbeddedServer_failExactlyTheKnownFailures() throws Exception {
        Map<String, Process> running = new LinkedHashMap<>();
        for (String suite : SUITES) {
            running.put(suite, start(suite));
        }
        List<String> problems = new ArrayList<>();
        for (String suite : SUITES) {
            problems.addAll(check(suite, finish(suite, running.get(suite))));
        }
        assertThat(problems).as("smbtorture vs smbtorture-known-failures.txt").isEmpty();
    }

    private List<String> check(String suite, Map<String, String> results) throws IOException {
        Map<String, String> known = knownFailures(suite);
        assertThat(results).as("smbtorture ran %s", suite).hasSizeGreaterThan(30);
        TreeSet<String> failed = new TreeSet<>();
        TreeSet<String> passed = new TreeSet<>();
        results.forEach((test, outcome) -> {
            if (outcome.equals("failure") || outcome.equals("error")) {
                failed.add(test);
            } else if (outcome.equals("success")) {
                passed.add(test);
            }
        });
        log.info(
                "{}: {} passed, {} failed, {} skipped",
                suite,
                passed.size(),
                failed.size(),
                results.size() - passed.size() - failed.size());
        List<String> problems = new ArrayList<>();
        for (String t : failed) {
            if (!known.containsKey(t)) {
                problems.add("new failure: " + t);
            }
        }
        for (String t : passed) {
            if (known.containsKey(t)) {
                problems.add("now passes, remove from smbtorture-known-failures.txt: " + t);
            }
        }
        for (String t : known.keySet()) {
            if (!results.containsKey(t)) {
                problems.add("known failure not reported by smbtorture: " + t);
            }
        }
        return problems;
    }

    private Process start(String suite) throws IOException {
        Path conf = tmp.resolve("smb.conf");
        Files.writeString(conf, "[global]\n");
        List<String> cmd = List.of(
                SMBTORTURE.toString(),
                "//127.0.0.1/share",
                "-p",
                String.valueOf(servers.get(suite).port()),
                "-U",
                ServerConfig.DEFAULT_USER + "%" + ServerConfig.DEFAULT_PASSWORD,
                "-s",
                conf.toString(),
                suite);
        return new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(suite + ".log").toFile())
                .start();
    }

    /** Waits for one suite; returns subtest (full name) to outcome. */
    private Map<String, String> finish(String suite, Process p) throws IOException, InterruptedException {
        boolean done = p.waitFor(Duration.ofMinutes(8).toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(tmp.resolve(suite + ".log"), StandardCharsets.UTF_8);
        assertThat(done)
                .as("smbtorture %s finished in 8 minutes; tail: %s", suite, tail(lines))
                .isTrue();
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = RESULT.matcher(line);
            if (m.find()) {
                results.put(suite + "." + m.group(2), m.group(1));
            }
        }
        return results;
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** Lines "suite.subtest reason..." of the data file; '#' starts a comment. */
    static Map<String, String> knownFailures(String suite) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = SmbtortureIT.class.getResourceAsStream("/smbtorture-known-failures.txt")) {
            assertThat(in)
                    .as("smbtorture-known-failures.txt on the test classpath")
                    .isNotNull();
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                assertThat(parts).as("known failure needs a reason: %s", line).hasSize(2);
                if (parts[0].startsWith(suite + ".")) {
                    out.put(parts[0], parts[1]);
                }
            }
        }
        return out;
    }
}
