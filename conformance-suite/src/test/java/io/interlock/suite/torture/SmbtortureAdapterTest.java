package io.interlock.suite.torture;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.RequirementCatalog;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmbtortureAdapterTest {
    private static final List<String> OUTPUT = List.of(
            "smbtorture 4.17.12-Debian",
            "time: 2026-12-03 17:20:18.921320",
            "progress: 39",
            "test: request",
            "time: 2026-12-03 17:20:18.922249",
            "Requesting lease type (0), expecting (0)",
            "time: 2026-12-03 17:20:19.875189",
            "success: request",
            "test: v2_request",
            "time: 2026-12-03 17:20:20.000000",
            "time: 2026-12-03 17:20:21.500000",
            "failure: v2_request [",
            "(../../source4/torture/smb2/lease.c:1723): wrong value for lease_transport",
            "]",
            "test: dynamic_share",
            "skip: dynamic_share [",
            "dynamic_share not set",
            "]",
            "test: statopen3",
            "xfail: statopen3",
            "error: timeout [inline reason]");

    @Test
    void parse_standardOutput_oneResultPerSubtestWithReasonDurationAndRequirements() {
        List<ScenarioResult> r = SmbtortureAdapter.parse("smb2.lease", OUTPUT);
        assertThat(r)
                .extracting(ScenarioResult::id)
                .containsExactly(
                        "smbtorture:smb2.lease.request",
                        "smbtorture:smb2.lease.v2_request",
                        "smbtorture:smb2.lease.dynamic_share",
                        "smbtorture:smb2.lease.statopen3",
                        "smbtorture:smb2.lease.timeout");
        assertThat(r)
                .extracting(ScenarioResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.SKIPPED, Verdict.PASS, Verdict.ERROR);
        assertThat(r.get(0).durationMillis()).isEqualTo(952);
        assertThat(r.get(0).requirements()).contains("R-SMB-12", "R-SMB-13");
        assertThat(r.get(1).reason())
                .isEqualTo("(../../source4/torture/smb2/lease.c:1723): wrong value for lease_transport");
        assertThat(r.get(1).durationMillis()).isEqualTo(1500);
        assertThat(r.get(2).reason()).isEqualTo("dynamic_share not set");
        assertThat(r.get(4).reason()).isEqualTo("inline reason");
        assertThat(r.get(1).repro()).isEqualTo("interlock run --suite smbtorture:smb2.lease --scenario none");
    }

    @Test
    void requirements_mappingNamesOnlyCatalogIds() {
        RequirementCatalog catalog = RequirementCatalog.bundled();
        for (String t : List.of("smb2.lease.breaking3", "smb2.oplock.batch22a", "smb2.oplock.levelii500")) {
            assertThat(SmbtortureAdapter.requirements(t)).as(t).isNotEmpty();
            for (String id : SmbtortureAdapter.requirements(t)) {
                assertThat(catalog.find(id)).as(t + " -> " + id).isPresent();
            }
        }
    }
}
