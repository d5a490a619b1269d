package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private final String html = HtmlReport.render(Samples.run());
    private final String mixed = HtmlReport.render(Samples.mixed());

    private static int count(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void render_hostileStrings_areEscaped() {
        assertThat(html)
                .doesNotContain("<script>alert")
                .doesNotContain("<evil>")
                .doesNotContain("<B's write>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("xp-&lt;evil&gt;&amp;&quot;quoted&quot;");
        assertThat(html).contains("&lt;B&#39;s write&gt;");
        assertThat(html).contains("<code>&lt;x&gt;</code>");
    }

    @Test
    void render_hostileTarget_isEscapedEverywhere() {
        Run run = new Run(
                Instant.EPOCH, "<img src=x onerror=alert(1)>", 1, Samples.run().scenarios());
        String out = HtmlReport.render(run);
        assertThat(out).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void render_run_isSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
        assertThat(html)
                .doesNotContain("<link")
                .doesNotContain("src=")
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("url(")
                .doesNotContain("@import");
    }

    @Test
    void render_header_summarisesTargetSeedDateAndCounts() {
        assertThat(mixed)
                .contains("<span class=\"badge failed\">FAILED</span>")
                .contains("<th>Target</th><td><code>embedded smb=127.0.0.1:2</code></td>")
                .contains("<th>Seeds</th><td><code>1</code>, <code>3</code></td>")
                .contains("<th>Started</th><td>2026-11-21 11:00:00 UTC</td>")
                .contains("7 results: <span class=\"chip v-PASS\">3 PASS</span>")
                .contains("<span class=\"chip v-EXPECTED_FAIL\">1 EXPECTED_FAIL</span>")
                .contains("(5 of 124 catalog requirements covered)");
    }

    @Test
    void render_matrix_rowsCarryAggregateStatusAndLinkScenarios() {
        // R-XP-1: a PASS and an EXPECTED_FAIL
        assertThat(mixed)
                .containsPattern("<tr class=\"req req-PASS\" data-status=\"PASS\" data-group=\"XP\"><td>R-XP-1</td>"
                        + "<td>NFS WRITE breaks an RWH lease[^<]*</td><td><span class=\"chip v-PASS\">PASS</span></td>"
                        + "<td></td><td><a href=\"#s0-xp-write-breaks-lease\">");
        assertThat(mixed)
                .contains("<tr class=\"req req-FAIL\" data-status=\"FAIL\" data-group=\"XP\"><td>R-XP-3</td>")
                .contains("<tr class=\"req req-FAIL\" data-status=\"FAIL\" data-group=\"SMB\"><td>R-SMB-81</td>")
                .contains("<tr class=\"req req-ERROR\" data-status=\"ERROR\" data-group=\"XP\"><td>R-XP-7</td>")
                .contains("<tr class=\"req req-SKIPPED\" data-status=\"SKIPPED\" data-group=\"XP\"><td>R-XP-5</td>")
                .contains("<td>R-ZZ-1</td><td><em class=\"muted\">not in the catalog</em></td>");
        assertThat(mixed).contains("Results citing no requirement: <a href=\"#s5-smoke\">smoke</a>");
    }

    @Test
    void render_matrix_evidenceOfFailingRowIsTheFailureReason() {
        assertThat(mixed)
                .contains(
                        "<td class=\"ev\">xp-read-breaks-write-caching: step b-read (nfs.read) failed: NFS3ERR_IO</td>");
    }

    @Test
    void render_matrix_uncoveredRowsInTheTableWithTheirKnownReason() {
        assertThat(mixed)
                .contains("<details class=\"grp\" id=\"g-xp\" data-group=\"XP\" open><summary>XP <small>&mdash;"
                        + " Cross-protocol (SMB + NFS/NLM) &middot; 4 of 15 covered</small>");
        assertThat(mixed)
                .contains(
                        "<tr class=\"req req-NOT_COVERED\" data-status=\"NOT_COVERED\" data-group=\"XP\"><td>R-XP-15</td>");
        assertThat(mixed).contains("<td>R-CACHE-7</td>").contains("<td class=\"ev\">Server-internal");
        assertThat(mixed).contains("<td class=\"ev\">no scenario or suite test cites it</td>");
    }

    @Test
    void render_matrix_filtersByStatusAndArea() {
        assertThat(mixed)
                .contains("<input type=\"checkbox\" class=\"fst\" value=\"FAIL\" checked onchange=\"filt()\"> FAIL (2)")
                .contains(
                        "<select id=\"farea\" onchange=\"filt()\"><option value=\"\">all</option><option value=\"SMB\">SMB</option>")
                .contains("function filt()");
    }

    @Test
    void render_matrix_groupsThatAllPassStartCollapsed_suiteTestsInTheirOwnColumn() {
        Run run = new Run(
                Instant.parse("2026-11-21T10:00:00Z"),
                "t",
                1,
                List.of(
                        Samples.result("suite:rpc/call_a_b", Verdict.PASS, "R-RPC-1"),
                        Samples.result("xp-x", Verdict.PASS, "R-RPC-1")));
        RequirementCatalog cat = RequirementCatalog.parse("group RPC ONC RPC\nR-RPC-1 xids\n");
        String out = HtmlReport.render(run, cat);
        assertThat(out).contains("<details class=\"grp\" id=\"g-rpc\" data-group=\"RPC\"><summary>");
        assertThat(out)
                .contains(
                        "<td><a href=\"#s0-suite-rpc-call_a_b\">call_a_b</a> <span class=\"chip v-PASS\">PASS</span></td>"
                                + "<td><a href=\"#s1-xp-x\">xp-x</a>");
        assertThat(out).contains("2 results (1 scenario, 1 suite test)");
        assertThat(out).contains("<span class=\"kindtag\">suite test rpc</span>");
    }

    @Test
    void render_history_hasOneTimelineRowPerEventWithClientColumns() {
        assertThat(count(html, "<tr class=\"event ")).isEqualTo(6 + 2);
        assertThat(html).contains("<th>t (ms)</th><th>step</th><th>A</th><th>B</th>");
        // the break is in A's column, at 2.500 ms after the first event, on a break-coloured row
        assertThat(html)
                .contains("<tr class=\"event ev-BREAK\"><td class=\"t\">2.500</td><td class=\"step\">s3</td>"
                        + "<td><span class=\"kind k-BREAK\">BREAK</span> break <code>RWH-&gt;NONE ACK_REQUIRED</code>");
        assertThat(html).contains("<tr class=\"event ev-ACK\"><td class=\"t\">3.000</td>");
    }

    @Test
    void render_failedStep_highlightedAndNamed() {
        assertThat(mixed).contains("<p>Failed step: <code>b-read</code></p>");
        assertThat(count(mixed, "<span class=\"failmark\">FAILED</span>"))
                .as("two rows and the legend")
                .isEqualTo(3);
        assertThat(mixed)
                .contains("<tr class=\"event ev-INVOKE failed\"><td class=\"t\">3.000</td><td class=\"step\">b-read"
                        + "<span class=\"failmark\">FAILED</span>");
        assertThat(mixed).contains("<tr class=\"event ev-FAIL failed\"><td class=\"t\">4.000</td>");
        // the break arrived (recorded later, index 5) before the ack: time order wins
        assertThat(mixed.indexOf("RWH-&gt;RH ACK_REQUIRED")).isLessThan(mixed.indexOf("<code>RH</code>"));
        assertThat(mixed).doesNotContain("ev-OK failed");
    }

    @Test
    void render_failingScenario_timelineOpenPassingCollapsed() {
        assertThat(html).contains("<details class=\"tl\" id=\"s0-xp-write-breaks-lease\"><summary>");
        assertThat(html).contains("<details class=\"tl failing\" id=\"s1-xp--evil---quoted-\" open>");
        assertThat(html).contains("R-XP-2, R-XP-3").contains("interlock replay xp-evil --seed 9");
        assertThat(mixed).contains("<details class=\"tl failing\" id=\"s3-xp-wait-no-ack-times-out\" open>");
        assertThat(mixed).contains("<details class=\"tl\" id=\"s2-xp-lost-write-notify\">");
    }

    @Test
    void render_mergedRun_showsTargetsAndUniqueAnchors() {
        Run a = new Run(Instant.EPOCH, "target-a", 1, List.of(Samples.result("x", Verdict.PASS, "R-XP-1")));
        Run b = new Run(Instant.EPOCH, "target-b", 1, List.of(Samples.result("x", Verdict.FAIL, "R-XP-1")));
        String out = HtmlReport.render(Run.merge(List.of(a, b)));
        assertThat(out)
                .contains("<th>Targets</th><td><span class=\"tgt\">T1</span> <code>target-a</code><br>"
                        + "<span class=\"tgt\">T2</span> <code>target-b</code></td>");
        assertThat(out).contains("<th>Target</th><th>Verdict</th>");
        assertThat(out).contains("id=\"s0-x\"").contains("id=\"s1-x\"");
        assertThat(out)
                .contains("<span class=\"chip v-FAIL\">FAIL</span> <span class=\"tgt\" title=\"target-b\">T2</span>");
    }

    @Test
    void render_passingRun_badgePassed() {
        Run ok = new Run(Instant.EPOCH, "t", 1, List.of(Samples.result("x", Verdict.PASS, "R-XP-1")));
        assertThat(HtmlReport.render(ok)).contains("badge passed\">PASSED").doesNotContain("Failed step");
    }

    @Test
    void render_zeroBytesAndControls_shownAsEscapes() {
        ScenarioResult s = new ScenarioResult(
                "x",
                "t",
                List.of(),
                Verdict.FAIL,
                "read \"\u0000\u0000BB\", expected \"AABB\"",
                "r",
                1,
                1,
                List.of(Samples.ev(0, "B", EventKind.OK, "nfs.read", "\u0000\u001b\ud800", 1)));
        String out = HtmlReport.render(new Run(Instant.EPOCH, "t", 1, List.of(s)));
        assertThat(out).doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\ud800");
        assertThat(out).contains("read &quot;\\x00\\x00BB&quot;").contains("<code>\\x00\\x1b\uFFFD</code>");
    }

    @Test
    void render_knownFail_showsBaselineEntryAndPassedBadge() {
        ScenarioResult known = Samples.result("k", Verdict.FAIL, "R-XP-1")
                .withBaselineVerdict(Verdict.KNOWN_FAIL, "R-XP-1: <ganesha> breaks no lease");
        String html = HtmlReport.render(new Run(Instant.EPOCH, "t", 1, List.of(known)));
        assertThat(html).contains("badge passed").contains("v-KNOWN_FAIL");
        assertThat(html).contains("Baseline: R-XP-1: &lt;ganesha&gt; breaks no lease");
        String failing = HtmlReport.render(new Run(
                Instant.EPOCH,
                "t",
                1,
                List.of(Samples.result("f", Verdict.FAIL).withFailedChecks(List.of("break", "step:a-break")))));
        assertThat(failing).contains("Failed: <code>break, step:a-break</code>");
    }
}
