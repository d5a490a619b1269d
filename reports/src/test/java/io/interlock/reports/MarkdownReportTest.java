package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private final String md = MarkdownReport.render(Samples.mixed());

    @Test
    void render_failingRun_headlineAndCounts() {
        assertThat(md)
                .startsWith(
                        "# Interlock: FAILED\n\nTarget: embedded smb=127.0.0.1:2 · seeds 1, 3 · started 2026-11-21 11:00:00 UTC\n\n");
        assertThat(md).contains("**7 results:** 4 passed (1 as expected failures), 1 failed, 1 errors, 1 skipped  \n");
        assertThat(md)
                .contains("**Requirements:** 6 cited (5 of 124 in the catalog): 2 FAIL, 1 ERROR, 2 PASS, 1 SKIPPED\n");
    }

    @Test
    void render_matrix_oneRowPerCitedRequirementInCatalogOrder() {
        assertThat(md)
                .contains("| Requirement | Status | Results |\n|---|---|---|\n"
                        + "| R-SMB-81 NFS READ breaks W and waits for the flush | ❌ **FAIL** | xp-read-breaks-write-caching (FAIL) |\n"
                        + "| R-XP-1 NFS WRITE breaks an RWH lease to none no later than its reply | ✅ PASS |"
                        + " xp-write-breaks-lease, xp-lost-write-notify (EXPECTED_FAIL) |\n");
        assertThat(md).contains("| R-XP-7 Wait policy: NFS waits for the ack or the bounded timeout | ⚠️ **ERROR** |");
        assertThat(md).contains("| R-XP-5 NFS namespace changes break the parent directory's lease | ⏭️ SKIPPED |");
        assertThat(md).contains("| R-ZZ-1 _(not in the catalog)_ | ✅ PASS | future |");
    }

    @Test
    void render_uncovered_countedPerGroupInCollapsedBlock() {
        assertThat(md).contains("<details><summary>Not covered: 119 catalog requirements</summary>");
        assertThat(md).contains("- **XP** (4 of 15 covered): R-XP-2, R-XP-4, R-XP-6, R-XP-8,");
        assertThat(md).contains("- **CACHE** (0 of 7 covered): R-CACHE-1, R-CACHE-2,");
    }

    @Test
    void render_areas_coverageTablePerGroup() {
        assertThat(md)
                .contains("| Area | Covered | PASS | FAIL | ERROR | SKIPPED |\n|---|---|---|---|---|---|\n")
                .contains("| XP | 4 / 15 | 1 | 1 | 1 | 1 |\n")
                .contains("| CACHE | 0 / 7 | 0 | 0 | 0 | 0 |\n");
    }

    @Test
    void render_uncoveredWithKnownReason_reasonListed() {
        assertThat(md).contains("  - R-CACHE-7: Server-internal");
    }

    @Test
    void render_suiteTests_countedByKind() {
        Run run = new Run(
                Instant.parse("2026-11-21T10:00:00Z"),
                "t",
                1,
                List.of(
                        Samples.result("xp-a", Verdict.PASS, "R-XP-1"),
                        Samples.result("suite:smb/open_x_y", Verdict.PASS, "R-SMB-30"),
                        Samples.result("suite:smb/open_x_z", Verdict.SKIPPED, "R-SMB-16")));
        assertThat(MarkdownReport.render(run)).contains("**3 results (1 scenario, 2 suite tests):** 2 passed");
    }

    @Test
    void render_failingScenarios_reasonAndReproInCodeBlocks() {
        assertThat(md)
                .contains("## Failing results\n\n### FAIL: xp-read-breaks-write-caching (R-XP-3, R-SMB-81)\n\n"
                        + "```text\nstep b-read (nfs.read) failed: NFS3ERR_IO\n```\n\n"
                        + "```sh\ninterlock replay xp-read-breaks-write-caching --seed 3\n```\n");
        assertThat(md).contains("### ERROR: xp-wait-no-ack-times-out (R-XP-7)");
        assertThat(md).doesNotContain("### EXPECTED_FAIL").doesNotContain("### SKIPPED");
    }

    @Test
    void render_hostileStrings_escaped() {
        String out = MarkdownReport.render(Samples.run());
        assertThat(out).contains("### FAIL: xp-&lt;evil&gt;&amp;\"quoted\"");
        assertThat(out).contains("| R-XP-2 NFS WRITE breaks R and RH leases to none | ❌ **FAIL** | xp-&lt;evil&gt;");
        // the reason sits verbatim in a fence, where Markdown does not interpret it
        assertThat(out).contains("```text\nexpected break before <B's write> | but none\n```");
    }

    @Test
    void render_reasonWithBackticks_cannotCloseItsFence() {
        ScenarioResult s =
                new ScenarioResult("x", "t", List.of(), Verdict.FAIL, "got ``` and `` here", "r", 1, 1, List.of());
        String out = MarkdownReport.render(new Run(Instant.EPOCH, "t", 1, List.of(s)));
        assertThat(out).contains("````text\ngot ``` and `` here\n````\n");
    }

    @Test
    void render_passingRun_noFailureSection() {
        Run ok = new Run(Instant.EPOCH, "t*", 1, List.of(Samples.result("x_y", Verdict.PASS, "R-XP-1")));
        String out = MarkdownReport.render(ok);
        assertThat(out).startsWith("# Interlock: passed\n\nTarget: t\\* · seed 1");
        assertThat(out).doesNotContain("Failing results").contains("| x\\_y |");
    }

    @Test
    void mdCell_pipesAndNewlines_escapedOnce() {
        assertThat(Text.mdCell("a|b\nc<d>")).isEqualTo("a\\|b<br>c&lt;d&gt;");
        assertThat(Text.mdText("R-XP-1 it's #1")).isEqualTo("R-XP-1 it's \\#1");
    }

    @Test
    void render_zeroBytesInReason_visibleInFence() {
        ScenarioResult s =
                new ScenarioResult("x", "t", List.of(), Verdict.FAIL, "read \"\u0000\u0000BB\"", "r", 1, 1, List.of());
        String out = MarkdownReport.render(new Run(Instant.EPOCH, "t", 1, List.of(s)));
        assertThat(out).contains("```text\nread \"\\x00\\x00BB\"\n```").doesNotContain("\u0000");
    }

    @Test
    void render_mergedRun_namesTargetsOnceAndTagsScenarios() {
        Run a = new Run(Instant.EPOCH, "target-a", 1, List.of(Samples.result("x", Verdict.PASS, "R-XP-1")));
        Run b = new Run(Instant.EPOCH, "target-b", 1, List.of(Samples.result("x", Verdict.FAIL, "R-XP-1")));
        String out = MarkdownReport.render(Run.merge(List.of(a, b)));
        assertThat(out).contains("Targets: **T1** target-a, **T2** target-b · seed 1");
        assertThat(out).contains("| ❌ **FAIL** | x T1, x T2 (FAIL) |");
        assertThat(out).contains("### FAIL: x (R-XP-1) on T2\n");
    }

    @Test
    void render_knownFailures_countedAndListedWithTheirEntry() {
        ScenarioResult known = Samples.result("k", Verdict.FAIL, "R-XP-1")
                .withFailedChecks(List.of("break"))
                .withBaselineVerdict(Verdict.KNOWN_FAIL, "R-XP-1: ganesha breaks no lease");
        String md = MarkdownReport.render(new Run(Instant.EPOCH, "t", 1, List.of(known)));
        assertThat(md).startsWith("# Interlock: passed");
        assertThat(md).contains("1 known failures, 0 unexpected passes (XPASS)");
        assertThat(md)
                .contains("## Known failures (baseline)")
                .contains("| k | break | R-XP-1: ganesha breaks no lease |");
        assertThat(md).doesNotContain("## Failing scenarios");
    }

    @Test
    void render_xpass_listedAmongFailingWithItsEntry() {
        ScenarioResult xpass =
                Samples.result("x", Verdict.PASS, "R-XP-2").withBaselineVerdict(Verdict.XPASS, "remove x");
        String md = MarkdownReport.render(new Run(Instant.EPOCH, "t", 1, List.of(xpass)));
        assertThat(md)
                .startsWith("# Interlock: FAILED")
                .contains("### XPASS: x")
                .contains("remove x");
    }
}
