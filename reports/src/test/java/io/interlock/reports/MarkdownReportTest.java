package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    @Test
    void render_failingRun_listsScenariosAndReproLines() {
        String md = MarkdownReport.render(Samples.run());
        assertThat(md).startsWith("# Interlock: FAILED");
        assertThat(md).contains("| xp-write-breaks-lease | R-XP-1 | PASS | all expectations held |");
        assertThat(md).contains("\\|"); // the pipe in a reason is escaped
        assertThat(md).contains("## Reproduce\n\n```\ninterlock replay xp-evil --seed 9\n```");
    }
}
