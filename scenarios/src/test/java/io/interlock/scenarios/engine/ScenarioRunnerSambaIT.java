package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.Reports;
import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.peers.SambaPeer;
import io.interlock.scenarios.targets.AddressTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end with real clients against Samba (SMB-only scenarios; NFS ones skip). */
class ScenarioRunnerSambaIT {

    @Test
    void run_catalogAgainstSamba_smbScenarioPassesXpSkipsAndReportsAreWritten(@TempDir Path out) throws Exception {
        try (SambaPeer samba = SambaPeer.startOrSkip()) {
            AddressTarget target = AddressTarget.of(
                    "127.0.0.1", samba.port(), SambaPeer.SHARE, SambaPeer.USER, SambaPeer.PASSWORD, null);
            Run run = ScenarioRunner.run(ScenarioCatalog.load(), target, 3);
            Reports.writeAll(run, out);
            ScenarioResult smb = run.scenarios().stream()
                    .filter(r -> r.id().equals("smb-open-breaks-write-lease"))
                    .findFirst()
                    .orElseThrow();
            System.out.println(smb.verdict() + " " + smb.id() + ": " + smb.reason());
            for (HistoryEvent e : smb.history()) {
                System.out.println(
                        "  " + e.client() + " " + e.kind() + " " + e.op() + " " + e.detail() + " [" + e.step() + "]");
            }
            assertThat(smb.verdict()).as(smb.reason()).isEqualTo(Verdict.PASS);
            List<EventKind> kindsOfA = smb.history().stream()
                    .filter(e -> e.client().equals("A"))
                    .map(HistoryEvent::kind)
                    .toList();
            assertThat(kindsOfA).contains(EventKind.BREAK, EventKind.ACK);
            ScenarioResult xp = run.scenarios().stream()
                    .filter(r -> r.id().equals("xp-write-breaks-lease"))
                    .findFirst()
                    .orElseThrow();
            assertThat(xp.verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(Files.readString(out.resolve(Reports.HTML))).contains("lease.break");
        }
    }
}
