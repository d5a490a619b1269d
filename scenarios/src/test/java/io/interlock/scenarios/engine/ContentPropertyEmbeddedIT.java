package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.reports.EventKind;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.server.faults.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The content property ({@link ContentHistory}, R-XP-7) end to end on the embedded server: programs
 * with no content expectation of their own, where a caching SMB client's write is observed over
 * NFS. On the correct server the property holds; with a fault point that lets the NFS op pass the
 * lease (no break, a dropped notification, no wait for the ack) the lost write or stale read is
 * caught by the property itself. Lockstep, virtual clock, ephemeral ports.
 */
class ContentPropertyEmbeddedIT {
    private static final String HEAD =
            """
            server: {breakPolicy: wait, breakTimeout: PT5S}
            clients:
              A: {protocol: smb, caching: true}
              B: {protocol: nfs}
            stepTimeout: PT60S
            steps:
              - {id: a-open, client: A, op: smb.open, path: f, lease: RWH}
              - {id: a-write, client: A, op: smb.write, path: f, data: AAAA}
            """;

    /** A's cached write, then B reads: the read must see it (a break makes A flush first). */
    private static final String STALE_READ = "id: content-stale-read\ntitle: NFS read after a cached SMB write\n"
            + HEAD
            + """
              - {id: b-read, client: B, op: nfs.read, path: f}
              - {id: a-close, client: A, op: smb.close, path: f}
              - {id: b-read2, client: B, op: nfs.read, path: f}
            """;

    /** A's cached write, then B's write: B's data must survive A's flush. */
    private static final String LOST_WRITE = "id: content-lost-write\ntitle: NFS write after a cached SMB write\n"
            + HEAD
            + """
              - {id: b-write, client: B, op: nfs.write, path: f, data: BB}
              - {id: a-close, client: A, op: smb.close, path: f}
              - {id: b-read, client: B, op: nfs.read, path: f}
            """;

    private static final List<Fault> FAULTS =
            List.of(Fault.SKIP_NFS_BREAK, Fault.DROP_BREAK_NOTIFICATION, Fault.NO_WAIT_FOR_BREAK);

    @Test
    void contentProperty_correctServerPasses_faultsThatPassTheLeaseAreCaught() throws Exception {
        try (EmbeddedTarget target = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            assumeTrue(target.smb().isPresent() && target.nfs().isPresent(), target.describe());
            List<String> problems = new ArrayList<>();
            for (String yaml : List.of(STALE_READ, LOST_WRITE)) {
                Scenario s = ScenarioCatalog.parse(yaml, "ContentPropertyEmbeddedIT");
                ScenarioResult clean = ScenarioRunner.runOne(s, target, 1);
                System.out.printf("%-22s %-24s %-6s %s%n", s.id(), "(no fault)", clean.verdict(), contents(clean));
                if (clean.verdict() != Verdict.PASS || flagged(clean)) {
                    problems.add(s.id() + " without faults: " + clean.verdict() + " " + clean.reason());
                }
                for (Fault f : FAULTS) {
                    ScenarioResult r =
                            ScenarioRunner.runOne(s.withServer(s.server().withFault(f)), target, 1);
                    System.out.printf("%-22s %-24s %-6s %s%n", s.id(), f, r.verdict(), contents(r));
                    if (r.verdict() != Verdict.FAIL || !flagged(r)) {
                        problems.add(s.id() + " with " + f + " not caught by the content property: " + r.reason());
                    }
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    private static boolean flagged(ScenarioResult r) {
        return r.failedChecks().contains(ContentHistory.SIGNATURE);
    }

    /** The content check's own lines of the history. */
    private static String contents(ScenarioResult r) {
        return r.history().stream()
                .filter(e -> "contents".equals(e.op())
                        || (e.kind() == EventKind.FAIL
                                && "property".equals(e.op())
                                && e.detail().startsWith("R-XP-7 (")))
                .map(e -> e.detail())
                .reduce((a, b) -> a + " | " + b)
                .orElse("(no content check)");
    }
}
