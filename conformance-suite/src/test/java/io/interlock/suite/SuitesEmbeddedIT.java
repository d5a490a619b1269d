package io.interlock.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.RequirementCatalog;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every conformance suite against the embedded server on a virtual clock, through the JUnit
 * Platform launcher exactly as {@code interlock run} runs them: everything passes except the one
 * test whose capability our server lacks (a FORCE_LEVELII share, R-SMB-16), and the suites alone
 * cover at least 95 % of the catalog with passing tests.
 */
class SuitesEmbeddedIT {
    private static final Set<String> EXPECTED_SKIPS = Set.of("suite:smb/create_batchOnForceLevelIIShare_atMostLevelII");

    @Test
    void allSuites_embeddedVirtualTime_passAndCoverTheCatalog() throws Exception {
        List<ScenarioResult> results;
        try (VirtualTimeTarget target = VirtualTimeTarget.start()) {
            results = SuiteRun.run(
                    SuiteEnvironment.of(target),
                    new SuiteRun.Selection(EnumSet.allOf(SuiteArea.class), Set.of()),
                    r -> {});
        }
        assertThat(results).hasSizeGreaterThan(150);
        for (ScenarioResult r : results) {
            if (EXPECTED_SKIPS.contains(r.id())) {
                assertThat(r.verdict()).as(r.id()).isEqualTo(Verdict.SKIPPED);
                continue;
            }
            assertThat(r.verdict()).as(r.id() + ": " + r.reason()).isEqualTo(Verdict.PASS);
            assertThat(r.history()).as(r.id() + " carries its evidence").isNotEmpty();
        }
        RequirementCatalog catalog = RequirementCatalog.bundled();
        Set<String> passing = results.stream()
                .filter(r -> r.verdict() == Verdict.PASS)
                .flatMap(r -> r.requirements().stream())
                .filter(id -> catalog.find(id).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = catalog.requirements().stream()
                .map(RequirementCatalog.Requirement::id)
                .filter(id -> !passing.contains(id))
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.println("suites cover " + passing.size() + " of " + catalog.size() + "; not covered: " + missing);
        assertThat(passing.size() * 100.0 / catalog.size())
                .as("passing coverage, missing " + missing)
                .isGreaterThanOrEqualTo(95.0);
        assertThat(missing).containsExactlyInAnyOrder("R-SMB-16", "R-CACHE-7");
    }
}
