package io.interlock.scenarios.targets.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.engine.ScenarioRunner;
import io.interlock.scenarios.targets.Targets;
import io.interlock.scenarios.targets.UnavailableTarget;
import io.interlock.scenarios.targets.local.PeerVariant;
import org.junit.jupiter.api.Test;

/**
 * The container target end to end where a Docker engine runs (not on our CI: there it skips, and
 * the target opens as unavailable with the reason).
 */
class ContainerTargetIT {
    @Test
    void open_noDockerEngine_unavailableWithReason() throws Exception {
        assumeTrue(ContainerTarget.unavailable().isPresent(), "a Docker engine runs here");
        try (var t = Targets.open(Targets.Request.named("container:samba+ganesha"), null, () -> {
            throw new AssertionError("not embedded");
        })) {
            assertThat(t).isInstanceOf(UnavailableTarget.class);
            assertThat(t.describe()).contains("Docker engine");
            ScenarioResult r = ScenarioRunner.runOne(
                    ScenarioCatalog.find("xp-write-breaks-lease").orElseThrow(), t, 1);
            assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(r.reason()).contains("Docker engine");
        }
    }

    @Test
    void smbOpenBreaksWriteLease_container_passes() throws Exception {
        var why = ContainerTarget.unavailable();
        assumeTrue(why.isEmpty(), () -> why.orElse(""));
        try (ContainerTarget t = ContainerTarget.start(PeerVariant.SAMBA_GANESHA)) {
            // SMB only: Samba breaks its own leases (R-SMB-17), whatever NFS does
            ScenarioResult r = ScenarioRunner.runOne(
                    ScenarioCatalog.find("smb-open-breaks-write-lease").orElseThrow(), t, 1);
            assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        }
    }
}
