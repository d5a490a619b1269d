package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final String LINK = "https://example.org/spec#r-xp-1";

    private static ScenarioResult failing(String id, String... checks) {
        return Samples.result(id, Verdict.FAIL, "R-XP-1").withFailedChecks(List.of(checks));
    }

    private static Run run(ScenarioResult... results) {
        return new Run(Instant.parse("2026-11-21T10:00:00Z"), "samba+ganesha", 1, List.of(results));
    }

    private static Baseline.Entry entry(String scenario, String property) {
        return new Baseline.Entry(scenario, property, "R-XP-1", "ganesha does not break Samba's lease", LINK);
    }

    private static Verdict verdictOf(Run run, String id) {
        return run.scenarios().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow()
                .verdict();
    }

    @Test
    void apply_listedFailure_knownFailAndRunPasses() {
        Baseline b = new Baseline("samba+ganesha", List.of(entry("a", null)));
        Run judged = b.apply(run(failing("a", "break"), Samples.result("b", Verdict.PASS)));
        assertThat(verdictOf(judged, "a")).isEqualTo(Verdict.KNOWN_FAIL);
        assertThat(judged.scenarios().get(0).baseline()).contains("R-XP-1").contains(LINK);
        assertThat(judged.passed()).isTrue();
    }

    @Test
    void apply_newFailure_staysFailAndRunFails() {
        Baseline b = new Baseline("samba+ganesha", List.of(entry("a", null)));
        Run judged = b.apply(run(failing("a", "break"), failing("c", "content")));
        assertThat(verdictOf(judged, "c")).isEqualTo(Verdict.FAIL);
        assertThat(judged.passed()).isFalse();
    }

    @Test
    void apply_listedScenarioPasses_xpassAndRunFails() {
        Baseline b = new Baseline("samba+ganesha", List.of(entry("a", "break")));
        Run judged = b.apply(run(Samples.result("a", Verdict.PASS)));
        assertThat(verdictOf(judged, "a")).isEqualTo(Verdict.XPASS);
        assertThat(judged.scenarios().get(0).baseline()).contains("remove a/break");
        assertThat(judged.passed()).isFalse();
    }

    @Test
    void apply_propertyEntry_coversOnlyThatProperty() {
        Baseline b = new Baseline("t", List.of(entry("a", "break")));
        Run onlyBreak = b.apply(run(failing("a", "break")));
        Run alsoContent = b.apply(run(failing("a", "break", "content")));
        assertThat(verdictOf(onlyBreak, "a")).isEqualTo(Verdict.KNOWN_FAIL);
        assertThat(verdictOf(alsoContent, "a")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void apply_stepEntry_coversEveryFailedStep() {
        Baseline b = new Baseline("t", List.of(entry("a", "step")));
        assertThat(verdictOf(b.apply(run(failing("a", "step:a-break", "step:b-join"))), "a"))
                .isEqualTo(Verdict.KNOWN_FAIL);
        assertThat(verdictOf(b.apply(run(failing("a", "step:a-break", "latency"))), "a"))
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void apply_propertyWithoutScenario_coversItAnywhereAndTurnsXpassWhenNothingFailsIt() {
        Baseline b = new Baseline("t", List.of(entry(null, "no-lost-write")));
        Run covered = b.apply(run(failing("x", "no-lost-write"), failing("y", "no-lost-write")));
        assertThat(covered.scenarios()).extracting(ScenarioResult::verdict).containsOnly(Verdict.KNOWN_FAIL);
        assertThat(covered.passed()).isTrue();
        Run stale = b.apply(run(Samples.result("x", Verdict.PASS)));
        assertThat(stale.scenarios()).hasSize(2);
        assertThat(verdictOf(stale, "baseline:no-lost-write")).isEqualTo(Verdict.XPASS);
        assertThat(stale.passed()).isFalse();
    }

    @Test
    void apply_errorResult_coveredByErrorOrWholeScenarioEntry() {
        ScenarioResult error = Samples.result("a", Verdict.ERROR, "R-XP-1");
        assertThat(verdictOf(new Baseline("t", List.of(entry("a", "error"))).apply(run(error)), "a"))
                .isEqualTo(Verdict.KNOWN_FAIL);
        assertThat(verdictOf(new Baseline("t", List.of(entry("a", "break"))).apply(run(error)), "a"))
                .isEqualTo(Verdict.ERROR);
    }

    @Test
    void apply_skippedOrAbsentScenario_leftAlone() {
        Baseline b = new Baseline("t", List.of(entry("a", null), entry("gone", null)));
        Run judged = b.apply(run(Samples.result("a", Verdict.SKIPPED)));
        assertThat(judged.scenarios()).extracting(ScenarioResult::verdict).containsExactly(Verdict.SKIPPED);
        assertThat(judged.passed()).isTrue();
    }

    @Test
    void apply_oldResultWithoutChecks_onlyWholeScenarioEntryCovers() {
        ScenarioResult old = Samples.result("a", Verdict.FAIL, "R-XP-1");
        assertThat(verdictOf(new Baseline("t", List.of(entry("a", "break"))).apply(run(old)), "a"))
                .isEqualTo(Verdict.FAIL);
        assertThat(verdictOf(new Baseline("t", List.of(entry("a", null))).apply(run(old)), "a"))
                .isEqualTo(Verdict.KNOWN_FAIL);
    }

    @Test
    void entry_withoutRequirementOrReason_rejected() {
        assertThatThrownBy(() -> new Baseline.Entry("a", null, " ", "why", null))
                .hasMessageContaining("needs a requirement");
        assertThatThrownBy(() -> new Baseline.Entry("a", null, "R-XP-1", null, null))
                .hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> new Baseline.Entry(null, "", "R-XP-1", "why", null))
                .hasMessageContaining("scenario or a property");
    }

    @Test
    void draft_failingRun_oneEntryPerFailureMarkedToCheck() {
        Run r = run(failing("a", "break"), failing("b", "break", "content"), Samples.result("c", Verdict.PASS));
        Baseline d = Baseline.draft(r, "samba+ganesha");
        assertThat(d.known()).extracting(Baseline.Entry::scenario).containsExactly("a", "b");
        assertThat(d.known().get(0).property()).isEqualTo("break");
        assertThat(d.known().get(1).property()).isNull();
        assertThat(d.known().get(0).reason()).startsWith(Baseline.TO_CHECK);
        assertThat(d.apply(r).passed()).isTrue();
    }

    @Test
    void yaml_roundTrip_equalsOriginal() {
        Baseline b = new Baseline("samba+ganesha", List.of(entry("a", "break"), entry(null, "no-lost-write")));
        String yaml = BaselineFile.render(b, "known failures of samba+ganesha");
        assertThat(yaml).startsWith("# known failures of samba+ganesha\n").contains("scenario: a");
        assertThat(BaselineFile.parse(yaml, "test")).isEqualTo(b);
    }

    @Test
    void yaml_unknownKey_rejectedWithOrigin() {
        String yaml = "target: t\nknown:\n  - scenari: a\n    requirement: R-XP-1\n    reason: why\n";
        assertThatThrownBy(() -> BaselineFile.parse(yaml, "baselines/t.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselines/t.yaml")
                .hasMessageContaining("scenari");
    }

    @Test
    void fileName_targetWithVariant_colonReplaced() {
        assertThat(BaselineFile.fileName("samba+ganesha:kernel-oplocks"))
                .isEqualTo("samba+ganesha.kernel-oplocks.yaml");
    }
}
