package io.interlock.reports;

import static io.interlock.reports.Samples.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequirementMatrixTest {
    private static final RequirementCatalog CATALOG = RequirementCatalog.parse(
            "group XP Cross\nR-XP-1 one\nR-XP-2 two\nR-XP-3 three\nR-XP-4 four\nR-XP-5 five\nR-XP-7 seven\n"
                    + "R-XP-10 ten\ngroup SMB Leases\nR-SMB-81 read\n");

    private static Map<String, RequirementMatrix.Row> rows(Run run) {
        return RequirementMatrix.of(run, CATALOG).rows().stream()
                .collect(Collectors.toMap(RequirementMatrix.Row::id, Function.identity()));
    }

    private static Run run(ScenarioResult... results) {
        return new Run(Instant.EPOCH, "t", 1, List.of(results));
    }

    @Test
    void status_anyFail_isFailEvenWithPassesAndErrors() {
        Map<String, RequirementMatrix.Row> rows = rows(run(
                result("a", Verdict.PASS, "R-XP-1"),
                result("b", Verdict.ERROR, "R-XP-1"),
                result("c", Verdict.FAIL, "R-XP-1")));
        assertThat(rows.get("R-XP-1").status()).isEqualTo(RequirementStatus.FAIL);
        assertThat(rows.get("R-XP-1").scenarios())
                .extracting(ScenarioResult::id)
                .containsExactly("a", "b", "c");
    }

    @Test
    void status_errorWithoutFail_isError() {
        assertThat(rows(run(result("a", Verdict.PASS, "R-XP-1"), result("b", Verdict.ERROR, "R-XP-1")))
                        .get("R-XP-1")
                        .status())
                .isEqualTo(RequirementStatus.ERROR);
    }

    @Test
    void status_expectedFailAndSkip_isPass() {
        assertThat(rows(run(result("a", Verdict.EXPECTED_FAIL, "R-XP-7"), result("b", Verdict.SKIPPED, "R-XP-7")))
                        .get("R-XP-7")
                        .status())
                .isEqualTo(RequirementStatus.PASS);
    }

    @Test
    void status_allSkipped_isSkipped() {
        assertThat(rows(run(result("a", Verdict.SKIPPED, "R-XP-5")))
                        .get("R-XP-5")
                        .status())
                .isEqualTo(RequirementStatus.SKIPPED);
    }

    @Test
    void of_catalogRequirementNobodyCites_isNotCovered() {
        RequirementMatrix m = RequirementMatrix.of(run(result("a", Verdict.PASS, "R-XP-1")), CATALOG);
        assertThat(m.count(RequirementStatus.NOT_COVERED)).isEqualTo(7);
        assertThat(m.covered()).isEqualTo(1);
        RequirementMatrix.GroupRows xp = m.groups().get(0);
        assertThat(xp.name()).isEqualTo("XP");
        assertThat(xp.covered()).extracting(RequirementMatrix.Row::id).containsExactly("R-XP-1");
        assertThat(xp.notCovered())
                .extracting(RequirementMatrix.Row::id)
                .containsExactly("R-XP-2", "R-XP-3", "R-XP-4", "R-XP-5", "R-XP-7", "R-XP-10");
    }

    @Test
    void of_unknownIds_groupedAfterCatalogGroupsWithOtherLast() {
        RequirementMatrix m = RequirementMatrix.of(
                run(
                        result("a", Verdict.PASS, "weird-id"),
                        result("b", Verdict.FAIL, "R-ZZ-2", "R-AA-1"),
                        result("c", Verdict.PASS, "R-XP-99")),
                CATALOG);
        assertThat(m.groups())
                .extracting(RequirementMatrix.GroupRows::name)
                .containsExactly("XP", "SMB", "AA", "ZZ", RequirementCatalog.OTHER);
        RequirementMatrix.Row xp99 = m.groups().get(0).rows().stream()
                .filter(r -> r.id().equals("R-XP-99"))
                .findFirst()
                .orElseThrow();
        assertThat(xp99.inCatalog()).isFalse();
        assertThat(xp99.status()).isEqualTo(RequirementStatus.PASS);
        assertThat(m.groups()
                        .get(0)
                        .rows()
                        .get(m.groups().get(0).rows().size() - 1)
                        .id())
                .as("numeric order within the group")
                .isEqualTo("R-XP-99");
    }

    @Test
    void of_emptyCatalog_listsCitedOnly_andUncitedScenarios() {
        RequirementMatrix m = RequirementMatrix.of(Samples.mixed(), RequirementCatalog.empty());
        assertThat(m.rows())
                .extracting(RequirementMatrix.Row::id)
                .containsExactly("R-SMB-81", "R-XP-1", "R-XP-3", "R-XP-5", "R-XP-7", "R-ZZ-1");
        assertThat(m.count(RequirementStatus.NOT_COVERED)).isZero();
        assertThat(m.uncited()).extracting(ScenarioResult::id).containsExactly("smoke");
    }

    @Test
    void of_idCitedTwiceByOneScenario_countsTheScenarioOnce() {
        assertThat(rows(run(result("a", Verdict.PASS, "R-XP-1", "R-XP-1")))
                        .get("R-XP-1")
                        .scenarios())
                .hasSize(1);
    }
}
