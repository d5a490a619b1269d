package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultKindTest {
    @Test
    void of_idPrefixes_scenarioSuiteOrAdapter() {
        ScenarioResult scenario = Samples.result("xp-write-breaks-lease", Verdict.PASS);
        ScenarioResult suite = Samples.result("suite:smb/leaseAck_unknownKey_objectNameNotFound", Verdict.PASS);
        ScenarioResult torture = Samples.result("smbtorture:smb2.lease.breaking3", Verdict.FAIL);
        assertThat(ResultKind.of(scenario)).isEqualTo(ResultKind.SCENARIO);
        assertThat(ResultKind.of(suite)).isEqualTo(ResultKind.SUITE);
        assertThat(ResultKind.of(torture)).isEqualTo(ResultKind.ADAPTER);
        assertThat(ResultKind.source(suite)).isEqualTo("smb");
        assertThat(ResultKind.source(torture)).isEqualTo("smbtorture");
        assertThat(ResultKind.source(scenario)).isNull();
        assertThat(ResultKind.shortName(suite)).isEqualTo("leaseAck_unknownKey_objectNameNotFound");
        assertThat(ResultKind.shortName(torture)).isEqualTo("smb2.lease.breaking3");
    }

    @Test
    void coverageNotes_parse_idAndReason() {
        CoverageNotes n = CoverageNotes.parse("# comment\nR-X-1 because it cannot\n\n");
        assertThat(n.note("R-X-1")).contains("because it cannot");
        assertThat(n.note("R-X-2")).isEmpty();
        assertThat(CoverageNotes.bundled().note("R-CACHE-7")).isPresent();
    }
}
