package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.Run;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.AddressTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
    @Test
    void repro_scenarioAndSeed_isOneReplayLine() {
        assertThat(ScenarioRunner.repro("xp-write-breaks-lease", 42))
                .isEqualTo("interlock replay xp-write-breaks-lease --seed 42");
    }

    @Test
    void run_targetWithoutNfs_skipsCrossProtocolScenario() {
        AddressTarget smbOnly = new AddressTarget(new SmbEndpoint("127.0.0.1", 1, "share", "u", "p"), null);
        Run run = ScenarioRunner.run(
                List.of(ScenarioCatalog.find("xp-write-breaks-lease").orElseThrow()), smbOnly, 5);
        assertThat(run.seed()).isEqualTo(5);
        assertThat(run.scenarios()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(r.reason()).isEqualTo("target offers no NFS");
            assertThat(r.repro()).isEqualTo("interlock replay xp-write-breaks-lease --seed 5");
        });
    }

    @Test
    void run_nfsEndpointWithoutPortsOrPortmapper_isErrorNamingTheEndpoint() {
        // only the MOUNT port known and no portmapper to ask for NFS: nothing to connect to, and
        // nothing is asked of port 111 either
        AddressTarget t = new AddressTarget(null, new NfsEndpoint("127.0.0.1", "/share", 0, 20048, 0, 0));
        Scenario nfsOnly = ScenarioCatalog.parse(
                "id: nfs-only\ntitle: t\nrequirements: []\nclients:\n  N: {protocol: nfs}\nsteps:\n"
                        + "  - {id: w, client: N, op: nfs.write, path: f, data: x}\n",
                "nfs-only.yaml");
        Run run = ScenarioRunner.run(List.of(nfsOnly), t);
        assertThat(run.scenarios()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(r.reason())
                    .contains("nfs://127.0.0.1/share?mountport=20048&portmap=0")
                    .contains("no portmapper");
        });
    }

    @Test
    void run_smbUnreachable_isErrorWithHarnessReason() {
        AddressTarget dead = new AddressTarget(new SmbEndpoint("127.0.0.1", 1, "share", "u", "p"), null);
        Run run = ScenarioRunner.run(
                List.of(ScenarioCatalog.find("smb-open-breaks-write-lease").orElseThrow()), dead);
        assertThat(run.scenarios().get(0).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(run.scenarios().get(0).reason()).startsWith("harness error");
        assertThat(run.scenarios().get(0).failedChecks()).containsExactly("error");
    }

    @Test
    void run_serverSettingsOnAddressTarget_skipsWithReason() {
        AddressTarget t = new AddressTarget(
                new SmbEndpoint("127.0.0.1", 1, "share", "u", "p"), NfsEndpoint.viaPortmapper("127.0.0.1", "/share"));
        Run run = ScenarioRunner.run(
                List.of(ScenarioCatalog.find("xp-lost-write-notify").orElseThrow()), t);
        assertThat(run.scenarios().get(0).verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(run.scenarios().get(0).reason())
                .startsWith("the scenario needs server settings {breakPolicy=notify}, which target address")
                .contains("cannot apply: it sets no break policy");
    }
}
