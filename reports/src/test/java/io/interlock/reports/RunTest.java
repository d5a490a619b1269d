package io.interlock.reports;

import static io.interlock.reports.Samples.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTest {
    private static final Run SHARD_1 = new Run(
            Instant.parse("2026-11-21T10:05:00Z"),
            "embedded smb=127.0.0.1:1",
            5,
            List.of(result("a", Verdict.PASS, "R-XP-1"), result("b", Verdict.FAIL, "R-XP-2")));
    private static final Run SHARD_2 = new Run(
            Instant.parse("2026-11-21T10:00:00Z"),
            "samba 127.0.0.1:445",
            6,
            List.of(result("a", Verdict.FAIL, "R-XP-1"), result("c", Verdict.SKIPPED, "R-XP-3")));

    @Test
    void merge_twoShards_keepsEveryResultWithItsTarget() {
        Run merged = Run.merge(List.of(SHARD_1, SHARD_2));
        assertThat(merged.scenarios()).extracting(ScenarioResult::id).containsExactly("a", "b", "a", "c");
        assertThat(merged.scenarios())
                .extracting(merged::targetOf)
                .containsExactly(
                        "embedded smb=127.0.0.1:1",
                        "embedded smb=127.0.0.1:1",
                        "samba 127.0.0.1:445",
                        "samba 127.0.0.1:445");
        assertThat(merged.targets()).containsExactly("embedded smb=127.0.0.1:1", "samba 127.0.0.1:445");
        assertThat(merged.target()).isEqualTo("merged 2 runs on 2 targets");
        assertThat(merged.startedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(merged.seed()).isEqualTo(5);
        assertThat(merged.count(Verdict.FAIL)).isEqualTo(2);
        assertThat(merged.passed()).isFalse();
    }

    @Test
    void merge_sameTarget_keepsThatTargetName() {
        Run other = new Run(SHARD_1.startedAt(), SHARD_1.target(), 5, List.of(result("z", Verdict.PASS)));
        Run merged = Run.merge(List.of(SHARD_1, other));
        assertThat(merged.target()).isEqualTo("embedded smb=127.0.0.1:1");
        assertThat(merged.targets()).containsExactly("embedded smb=127.0.0.1:1");
        assertThat(merged.scenarios()).hasSize(3);
    }

    @Test
    void merge_mergedRunAgain_keepsInnerTargets() {
        Run third = new Run(Instant.EPOCH, "third", 1, List.of(result("d", Verdict.PASS)));
        Run twice = Run.merge(List.of(Run.merge(List.of(SHARD_1, SHARD_2)), third));
        assertThat(twice.targets()).containsExactly("embedded smb=127.0.0.1:1", "samba 127.0.0.1:445", "third");
        assertThat(twice.scenarios()).hasSize(5);
    }

    @Test
    void merge_nothing_rejected() {
        assertThatThrownBy(() -> Run.merge(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void json_mergedRun_roundTripsTargets() throws Exception {
        Run merged = Run.merge(List.of(SHARD_1, SHARD_2));
        assertThat(RunJson.fromJson(RunJson.toJson(merged))).isEqualTo(merged);
    }

    @Test
    void json_withoutScenarioTarget_readsAsRunTarget() throws Exception {
        String old =
                """
                {"startedAt":"2026-11-21T10:00:00Z","target":"t0","seed":1,"scenarios":[
                 {"id":"a","title":"A","requirements":["R-XP-1"],"verdict":"PASS","reason":"ok",
                  "repro":"interlock replay a --seed 1","seed":1,"durationMillis":3,"history":[]}]}
                """;
        Run run = RunJson.fromJson(old);
        assertThat(run.scenarios().get(0).target()).isNull();
        assertThat(run.scenarios().get(0).failedChecks()).isEmpty();
        assertThat(run.scenarios().get(0).baseline()).isNull();
        assertThat(run.targetOf(run.scenarios().get(0))).isEqualTo("t0");
    }

    @Test
    void seeds_differentScenarioSeeds_listedOnce() {
        assertThat(Samples.mixed().seeds()).containsExactly(1L, 3L);
    }

    @Test
    void json_baselineVerdicts_roundTrip() throws Exception {
        ScenarioResult known = Samples.result("a", Verdict.FAIL, "R-XP-1")
                .withFailedChecks(List.of("break"))
                .withBaselineVerdict(Verdict.KNOWN_FAIL, "R-XP-1: known (link)");
        ScenarioResult xpass = Samples.result("b", Verdict.PASS).withBaselineVerdict(Verdict.XPASS, "stale");
        Run run = new Run(Instant.parse("2026-11-21T10:00:00Z"), "t", 1, List.of(known, xpass));
        Run back = RunJson.fromJson(RunJson.toJson(run));
        assertThat(back).isEqualTo(run);
        assertThat(back.passed()).isFalse();
        assertThat(back.withScenarios(List.of(known)).passed()).isTrue();
    }
}
