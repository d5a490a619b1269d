package io.interlock.suite.torture;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samba's smbtorture as an outside suite ({@code --suite smbtorture:smb2.lease,smb2.oplock}): runs
 * each named suite against the target's SMB endpoint, one process per suite side by side, and
 * turns every subtest into a result of the run, {@code smbtorture:SUITE.SUBTEST}, citing the R-SMB
 * IDs the catalog says it checks ({@code smbtorture-requirements.txt}). success and xfail are PASS
 * (xfail: smbtorture itself expects the failure), failure FAIL, error ERROR, skip SKIPPED. A known
 * failure of a target is not special-cased here: it is a baseline entry naming the result id, like
 * any other result.
 */
public final class SmbtortureAdapter {
    public static final String PREFIX = "smbtorture:";
    private static final Pattern RESULT = Pattern.compile("^(success|failure|error|skip|xfail|uxsuccess): (\\S+)(.*)$");
    private static final Pattern TIME = Pattern.compile("^time: (\\S+) (\\S+)$");
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(15);
    private static final Map<String, List<String>> REQUIREMENTS = loadRequirements();

    private SmbtortureAdapter() {}

    /** smbtorture on PATH (or /usr/bin), or empty. */
    public static Optional<Path> binary() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, "smbtorture");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path fallback = Path.of("/usr/bin/smbtorture");
        return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** The requirement IDs a subtest ({@code smb2.lease.breaking3}) checks. */
    public static List<String> requirements(String subtest) {
        return REQUIREMENTS.getOrDefault(subtest, List.of());
    }

    /** Runs the suites against {@code target}; every subtest becomes a result. */
    public static List<ScenarioResult> run(Target target, List<String> suites) {
        Optional<Path> bin = binary();
        if (bin.isEmpty()) {
            return skipped(suites, "smbtorture is not on PATH (Samba's samba-testsuite package)");
        }
        if (target.smb().isEmpty()) {
            return skipped(suites, "the target offers no SMB share");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("interlock-smbtorture-");
            Files.writeString(dir.resolve("smb.conf"), "[global]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Running> running = new LinkedHashMap<>();
        List<ScenarioResult> out = new ArrayList<>();
        try {
            for (String suite : suites) {
                TargetSetup setup = target.setup(ServerSettings.NONE);
                if (setup.skipReason().isPresent() || setup.smb().isEmpty()) {
                    setup.close();
                    out.addAll(skipped(List.of(suite), setup.skipReason().orElse("no SMB share")));
                    continue;
                }
                running.put(suite, start(bin.get(), dir, suite, setup));
            }
            for (Map.Entry<String, Running> e : running.entrySet()) {
                out.addAll(finish(e.getKey(), e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running.values().forEach(r -> r.setup().close());
        }
        return out;
    }

    private record Running(Process process, Path log, TargetSetup setup, long startNanos) {}

    private static Running start(Path bin, Path dir, String suite, TargetSetup setup) throws IOException {
        SmbEndpoint ep = setup.smb().orElseThrow();
        Path log = dir.resolve(suite + ".log");
        List<String> cmd = List.of(
                bin.toString(),
                "//" + ep.host() + "/" + ep.share(),
                "-p",
                String.valueOf(ep.port()),
                "-U",
                ep.user() + "%" + ep.password(),
                "-s",
                dir.resolve("smb.conf").toString(),
                suite);
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Running(p, log, setup, System.nanoTime());
    }

    private static List<ScenarioResult> finish(String suite, Running r) throws IOException {
        boolean done;
        try {
            done = r.process().waitFor(SUITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            r.process().destroyForcibly();
        }
        List<String> lines = Files.readAllLines(r.log(), StandardCharsets.UTF_8);
        List<ScenarioResult> results = parse(suite, lines);
        if (!done) {
            results = new ArrayList<>(results);
            results.add(result(
                    suite, suite, Verdict.ERROR, "smbtorture did not finish within " + SUITE_TIMEOUT, 0, tail(lines)));
        } else if (results.isEmpty()) {
            results = List.of(result(
                    suite,
                    suite,
                    Verdict.ERROR,
                    "smbtorture reported no subtest (exit " + r.process().exitValue() + ")",
                    0,
                    tail(lines)));
        }
        return results;
    }

    /**
     * The results in smbtorture's output of {@code suite}: a {@code failure:} or {@code error:}
     * line may carry its reason in brackets over the lines that follow; {@code time:} lines give
     * each subtest's duration.
     */
    public static List<ScenarioResult> parse(String suite, List<String> lines) {
        List<ScenarioResult> out = new ArrayList<>();
        Instant start = null;
        Instant latest = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher t = TIME.matcher(line);
            if (t.matches()) {
                Instant now = time(t.group(1), t.group(2));
                if (now != null) {
                    latest = now;
                    if (start == null) {
                        start = now;
                    }
                }
                continue;
            }
            if (line.startsWith("test: ")) {
                start = null;
                continue;
            }
            Matcher m = RESULT.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String outcome = m.group(1);
            String name = m.group(2);
            StringBuilder reason = new StringBuilder();
            String rest = m.group(3).strip();
            if (rest.startsWith("[")) {
                String inline = rest.substring(1);
                if (inline.endsWith("]")) {
                    reason.append(inline, 0, inline.length() - 1);
                } else {
                    reason.append(inline);
                    while (i + 1 < lines.size() && !lines.get(i + 1).equals("]")) {
                        reason.append(reason.length() == 0 ? "" : " ")
                                .append(lines.get(++i).strip());
                    }
                    i++;
                }
            }
            long ms = start != null && latest != null
                    ? Math.max(0, Duration.between(start, latest).toMillis())
                    : 0;
            Verdict v =
                    switch (outcome) {
                        case "success", "xfail" -> Verdict.PASS;
                        case "failure", "uxsuccess" -> Verdict.FAIL;
                        case "skip" -> Verdict.SKIPPED;
                        default -> Verdict.ERROR;
                    };
            String why = reason.toString().strip();
            String text =
                    switch (v) {
                        case PASS -> outcome.equals("xfail") ? "expected failure (xfail)" : "smbtorture: success";
                        case SKIPPED -> why.isEmpty() ? "skipped by smbtorture" : why;
                        default -> why.isEmpty() ? "smbtorture: " + outcome : why;
                    };
            out.add(result(suite, name, v, text, ms, List.of()));
            start = null;
        }
        return out;
    }

    private static Instant time(String date, String clock) {
        try {
            return Instant.parse(date + "T" + clock.replace("Z", "") + "Z");
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ScenarioResult result(
            String suite, String name, Verdict v, String reason, long ms, List<String> log) {
        String full = name.startsWith(suite + ".") || name.equals(suite) ? name : suite + "." + name;
        List<HistoryEvent> history = new ArrayList<>();
        for (String l : log) {
            history.add(new HistoryEvent(
                    history.size(), "smbtorture", EventKind.INFO, "output", l, null, 0, Instant.EPOCH));
        }
        return new ScenarioResult(
                PREFIX + full,
                "smbtorture " + full,
                requirements(full),
                v,
                reason,
                "interlock run --suite smbtorture:" + suite + " --scenario none",
                0,
                ms,
                history);
    }

    private static List<ScenarioResult> skipped(List<String> suites, String why) {
        return suites.stream()
                .map(s -> result(s, s, Verdict.SKIPPED, why, 0, List.of()))
                .toList();
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }

    private static Map<String, List<String>> loadRequirements() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        try (InputStream in = SmbtortureAdapter.class.getResourceAsStream("smbtorture-requirements.txt")) {
            if (in == null) {
                throw new IllegalStateException("smbtorture-requirements.txt missing from the jar");
            }
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\\s+");
                m.put(p[0], List.of(p).subList(1, p.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
