package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.EmbeddedTarget;
import org.junit.jupiter.api.Test;

/**
 * R-XP-1 end to end: the bundled scenario against our own embedded server (default break policy
 * WAIT), every port ephemeral (port 111 plays no part).
 */
class XpWriteBreaksLeaseEmbeddedIT {

    @Test
    void xpWriteBreaksLease_embeddedServer_passes() throws Exception {
        try (EmbeddedTarget target = EmbeddedTarget.start()) {
            assumeTrue(target.smb().isPresent(), "embedded server has no SMB service yet: " + target.describe());
            assumeTrue(target.nfs().isPresent(), "embedded server has no NFS service yet: " + target.describe());
            Scenario s = ScenarioCatalog.find("xp-write-breaks-lease").orElseThrow();
            ScenarioResult r = ScenarioRunner.runOne(s, target, 1);
            System.out.println(r.verdict() + " " + r.id() + ": " + r.reason() + "\n  repro: " + r.repro());
            for (HistoryEvent e : r.history()) {
                System.out.println(
                        "  " + e.client() + " " + e.kind() + " " + e.op() + " " + e.detail() + " [" + e.step() + "]");
            }
            assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        }
    }
}
