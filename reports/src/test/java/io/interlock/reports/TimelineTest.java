package io.interlock.reports;

import static io.interlock.reports.Samples.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static ScenarioResult failing(String reason, List<HistoryEvent> history) {
        return new ScenarioResult("x", "t", List.of(), Verdict.FAIL, reason, "r", 1, 1, history);
    }

    private static final List<HistoryEvent> HISTORY = List.of(
            ev(0, "A", EventKind.INVOKE, "smb.await-break", "", "a-break", 1),
            ev(1, "A", EventKind.FAIL, "smb.await-break", "no lease break", "a-break", 2),
            ev(2, "B", EventKind.INVOKE, "nfs.write", "f", "b-write", 3),
            ev(3, "B", EventKind.OK, "nfs.write", "4 bytes", "b-write", 4),
            ev(4, "B", EventKind.FAIL, "nfs.read", "NFS3ERR_IO", "b-read", 5));

    @Test
    void failedSteps_stepNamedAsStep_winsOverOtherMentions() {
        Timeline t = Timeline.of(failing(
                "step a-break (smb.await-break) failed: no lease break; expected break before b-write completes",
                HISTORY));
        assertThat(t.failedSteps()).containsExactly("a-break");
    }

    @Test
    void failedSteps_onlyPlainMention_usesIt() {
        Timeline t = Timeline.of(failing("expected break of A before b-write completes", HISTORY));
        assertThat(t.failedSteps()).containsExactly("b-write");
    }

    @Test
    void failedSteps_noMention_fallsBackToFailedOperations() {
        Timeline t = Timeline.of(failing("A received no lease break", HISTORY));
        assertThat(t.failedSteps()).containsExactly("a-break", "b-read");
    }

    @Test
    void failedSteps_prefixOfLongerStepId_notMatched() {
        Timeline t = Timeline.of(failing("step b-write-2 failed", HISTORY));
        assertThat(t.failedSteps()).containsExactly("a-break", "b-read"); // fallback, not b-write
    }

    @Test
    void failedSteps_passingVerdict_none() {
        ScenarioResult ok = new ScenarioResult("x", "t", List.of(), Verdict.PASS, "step a-break", "r", 1, 1, HISTORY);
        assertThat(Timeline.of(ok).failedSteps()).isEmpty();
    }
}
