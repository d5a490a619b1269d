package io.interlock.suite.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.interlock.reports.Reports;
import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.AddressTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.suite.SuiteArea;
import io.interlock.suite.SuiteEnvironment;
import io.interlock.suite.SuiteRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SMB suites against a local Samba (shared/peers/samba.sh) and the NFS, MOUNT, RPC and portmap
 * suites against a local nfs-ganesha (shared/peers/ganesha.sh, which needs port 111: run inside
 * {@code unshare -n -m}, see below). Each run's failures must be exactly the known failures of the
 * committed baseline ({@code baselines/samba.yaml}, {@code baselines/ganesha.yaml}: one entry per
 * result id with the requirement and the reason, checked against the spec); a new failure fails,
 * and so does a listed test that passes. The reports land in {@code target/peer-suites/}.
 *
 * <pre>
 * unshare -n -m sh -c 'ip link set lo up; mount -t tmpfs tmpfs /run; \
 *   mvn -o -B -pl conformance-suite -am verify -Dit.test=PeerSuitesIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false'
 * </pre>
 */
class PeerSuitesIT {
    private static final Path OUT = Path.of("target", "peer-suites");

    @Test
    void smbSuite_localSamba_failsExactlyItsBaseline() throws Exception {
        Path script = PeerScripts.dir().resolve("samba.sh");
        assumeTrue(Files.isRegularFile(script), "samba.sh not found at " + script);
        assumeTrue(PeerScripts.onPath("smbd") && PeerScripts.onPath("setsid"), "smbd/setsid not installed");
        int port = PeerScripts.freePort();
        Files.createDirectories(Path.of("/run/samba"));
        Path dir = Files.createTempDirectory("suites-samba-");
        try {
            System.out.println(PeerScripts.run(
                    List.of("setsid", "bash", script.toString(), "start", dir.toString(), String.valueOf(port)),
                    "samba.sh start"));
            assumeTrue(PeerScripts.listening(port), "smbd is not listening on " + port);
            Target samba = new AddressTarget(new SmbEndpoint("127.0.0.1", port, "share", "root", "pass"), null);
            check("samba", samba, EnumSet.of(SuiteArea.SMB, SuiteArea.CACHE));
        } finally {
            PeerScripts.run(List.of("setsid", "bash", script.toString(), "stop", dir.toString()), "samba.sh stop");
            PeerScripts.deleteTree(dir);
        }
    }

    @Test
    void nfsSuites_localGanesha_failExactlyItsBaseline() throws Exception {
        Path script = PeerScripts.dir().resolve("ganesha.sh");
        assumeTrue(Files.isRegularFile(script), "ganesha.sh not found at " + script);
        assumeTrue(
                PeerScripts.onPath("ganesha.nfsd") && PeerScripts.onPath("rpcbind"),
                "ganesha.nfsd/rpcbind not installed");
        assumeTrue(
                PeerScripts.inPrivateNetNamespace() && !PeerScripts.listening(111),
                "needs a private network namespace with port 111 free (ganesha registers with rpcbind there):"
                        + " run inside unshare -n -m, see the class comment");
        // ganesha resolves its bind address with AI_ADDRCONFIG: give lo a non-loopback address
        new ProcessBuilder("ip", "addr", "add", "10.254.254.1/32", "dev", "lo")
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        int nfs = PeerScripts.freePort();
        int mount = PeerScripts.freePort();
        Path dir = Files.createTempDirectory("suites-ganesha-");
        try {
            System.out.println(PeerScripts.run(
                    List.of(
                            "setsid",
                            "bash",
                            script.toString(),
                            "start",
                            dir.toString(),
                            String.valueOf(nfs),
                            String.valueOf(mount)),
                    "ganesha.sh start"));
            assumeTrue(PeerScripts.listening(nfs), "ganesha is not listening on " + nfs);
            String export = dir.resolve("export").toString();
            Target ganesha = new AddressTarget(null, new NfsEndpoint("127.0.0.1", export, nfs, mount, 0, 111));
            check("ganesha", ganesha, EnumSet.of(SuiteArea.NFS, SuiteArea.MOUNT, SuiteArea.RPC, SuiteArea.PMAP));
        } finally {
            PeerScripts.run(List.of("setsid", "bash", script.toString(), "stop", dir.toString()), "ganesha.sh stop");
            PeerScripts.deleteTree(dir);
        }
    }

    /** Runs the suites, writes the report, and compares the failures with the committed baseline. */
    private static void check(String name, Target t, Set<SuiteArea> areas) throws Exception {
        List<ScenarioResult> results =
                SuiteRun.run(SuiteEnvironment.of(t), new SuiteRun.Selection(areas, Set.of()), r -> {});
        Reports.writeAll(new Run(Instant.now(), t.describe(), 0, results), OUT.resolve(name));
        Map<String, String> known = baseline(name);
        List<String> problems = new ArrayList<>();
        StringBuilder draft = new StringBuilder();
        for (ScenarioResult r : results) {
            boolean failed = r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR;
            if (failed) {
                draft.append("  - scenario: ")
                        .append(r.id())
                        .append("\n    requirement: ")
                        .append(String.join(" ", r.requirements()))
                        .append("\n    reason: >-\n      ")
                        .append(r.reason().replace("\n", " "))
                        .append('\n');
            }
            if (failed && !known.containsKey(r.id())) {
                problems.add("new failure " + r.id() + ": " + r.reason());
            }
            if (!failed && known.containsKey(r.id())) {
                problems.add("known failure now " + r.verdict() + " (remove it from baselines/" + name + ".yaml): "
                        + r.id());
            }
        }
        for (String id : known.keySet()) {
            if (results.stream().noneMatch(r -> r.id().equals(id))) {
                problems.add("baseline entry names no result of the run: " + id);
            }
        }
        System.out.println("== " + name + ": " + results.size() + " results, failures as baseline entries:\n" + draft);
        assertThat(problems)
                .as("suites on " + name + " vs baselines/" + name + ".yaml")
                .isEmpty();
    }

    /** The result ids the baseline lists (scenario: ...), with their reasons. */
    private static Map<String, String> baseline(String name) throws Exception {
        Path file = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("baselines").resolve(name + ".yaml"))) {
                file = d.resolve("baselines").resolve(name + ".yaml");
                break;
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (file == null) {
            return out;
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        for (JsonNode e : root.path("known")) {
            String id = e.path("scenario").asText();
            assertThat(e.path("reason").asText())
                    .as("baseline entry " + id + " has a reason")
                    .isNotBlank();
            assertThat(e.path("requirement").asText())
                    .as("baseline entry " + id + " names a requirement")
                    .isNotBlank();
            out.put(id, e.path("reason").asText());
        }
        return out;
    }
}
