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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * their one-second "no break" waits. Both suites take about 4 minutes here.
 */
class SmbtortureIT {
    private static final Logger log = LoggerFactory.getLogger(SmbtortureIT.class);
    private static final Path SMBTORTURE = Path.of("/usr/bin/smbtorture");
    private static final Pattern RESULT = Pattern.compile("^(success|failure|error|skip|xfail): (\\S+)");
    private static Smb2TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SMBTORTURE), "smbtorture not installed at /usr/bin/smbtorture");
        server = new Smb2TestServer(
                ServerConfig.ephemeral(), new LockManagerConfig(LockManagerConfig.DEFAULT_BREAK_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"smb2.lease", "smb2.oplock"})
    void suite_againstEmbeddedServer_failsExactlyTheKnownFailures(String suite) throws Exception {
        Map<String, String> known = knownFailures(suite);
        Map<String, String> results = run(suite);
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
        TreeSet<String> newFailures = new TreeSet<>(failed);
        newFailures.removeAll(known.keySet());
        TreeSet<String> unexpectedPasses = new TreeSet<>(passed);
        unexpectedPasses.retainAll(known.keySet());
        TreeSet<String> neverRan = new TreeSet<>(known.keySet());
        neverRan.removeAll(results.keySet());
        log.info(
                "{}: {} passed, {} failed ({} known), {} skipped",
                suite,
                passed.size(),
                failed.size(),
                failed.size() - newFailures.size(),
                results.size() - passed.size() - failed.size());

        assertThat(newFailures)
                .as("%s subtests failing but not in smbtorture-known-failures.txt", suite)
                .isEmpty();
        assertThat(unexpectedPasses)
                .as("%s subtests now passing: remove them from smbtorture-known-failures.txt", suite)
                .isEmpty();
        assertThat(neverRan)
                .as("%s known failures smbtorture did not report", suite)
                .isEmpty();
    }

    /** Runs one suite; returns subtest (full name) to outcome. */
    private Map<String, String> run(String suite) throws IOException, InterruptedException {
        Path conf = tmp.resolve("smb.conf");
        Files.writeString(conf, "[global]\n");
        Path out = tmp.resolve(suite + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                SMBTORTURE.toString(),
                "//127.0.0.1/share",
                "-p",
                String.valueOf(server.port()),
                "-U",
                ServerConfig.DEFAULT_USER + "%" + ServerConfig.DEFAULT_PASSWORD,
                "-s",
                conf.toString(),
                suite));
        Process p = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        boolean done = p.waitFor(Duration.ofMinutes(6).toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(done)
                .as("smbtorture %s finished in 6 minutes; tail: %s", suite, tail(lines))
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
