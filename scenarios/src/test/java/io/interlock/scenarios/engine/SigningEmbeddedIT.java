package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.EmbeddedTarget;
import org.junit.jupiter.api.Test;

/**
 * Lease break acks on our own server when it requires signing: the SMB-only break scenario must
 * pass (the engine's ack goes through smbj on a signed session). Needs no port 111.
 */
class SigningEmbeddedIT {

    @Test
    void smbOpenBreaksWriteLease_serverRequiresSigning_passes() throws Exception {
        try (EmbeddedTarget target =
                EmbeddedTarget.start(EmbeddedTarget.ephemeralConfig().withSigningRequired(true))) {
            assumeTrue(target.smb().isPresent(), "embedded server has no SMB service yet: " + target.describe());
            Scenario s = ScenarioCatalog.find("smb-open-breaks-write-lease").orElseThrow();
            ScenarioResult r = ScenarioRunner.runOne(s, target, 1);
            System.out.println(r.verdict() + " " + r.id() + ": " + r.reason());
            assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        }
    }
}
