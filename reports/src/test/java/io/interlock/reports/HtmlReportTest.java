package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private final String html = HtmlReport.render(Samples.run());

    @Test
    void render_hostileStrings_areEscaped() {
        assertThat(html).doesNotContain("<script>").doesNotContain("<evil>").doesNotContain("<B's write>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("xp-&lt;evil&gt;&amp;&quot;quoted&quot;");
        assertThat(html).contains("&lt;B&#39;s write&gt;");
    }

    @Test
    void render_run_isSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
        assertThat(html).doesNotContain("<link").doesNotContain("src=").doesNotContain("http://");
    }

    @Test
    void render_history_hasOneTimelineRowPerEventWithClientColumns() {
        Matcher m = Pattern.compile("<tr class=\"event\">").matcher(html);
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        assertThat(rows).isEqualTo(6 + 2);
        assertThat(html).contains("<th>t (ms)</th><th>A</th><th>B</th>");
        // the break is in A's column (second cell), at 2.500 ms after the first event
        assertThat(html)
                .contains("<td class=\"t\">2.500</td><td><span class=\"ev-BREAK\">BREAK</span> break"
                        + " <code>RWH-&gt;NONE ACK_REQUIRED</code>");
    }

    @Test
    void render_failingScenario_timelineOpenPassingCollapsed() {
        assertThat(html).contains("<details id=\"s-xp-write-breaks-lease\"><summary>");
        assertThat(html).containsPattern("<details id=\"s-xp--evil---quoted-\" open>");
        assertThat(html).contains("R-XP-2, R-XP-3").contains("interlock replay xp-evil --seed 9");
    }
}
