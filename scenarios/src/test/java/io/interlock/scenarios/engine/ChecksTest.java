package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {
    private final Scenario xp = ScenarioCatalog.find("xp-write-breaks-lease").orElseThrow();
    private final List<HistoryEvent> h = new ArrayList<>();

    private void add(String client, EventKind kind, String op, String detail, String step, long nanos) {
        h.add(new HistoryEvent(h.size(), client, kind, op, detail, step, nanos, Instant.EPOCH));
    }

    private void contentReads(String smb, String nfs) {
        add("check", EventKind.OK, "smb.read", smb, "expect:content:smb:f", 900);
        add("check", EventKind.OK, "nfs.read", nfs, "expect:content:nfs:f", 910);
    }

    @Test
    void evaluate_breakBeforeWriteCompletes_allHold() {
        add("B", EventKind.INVOKE, "nfs.write", "f", "b-write", 100);
        add("A", EventKind.BREAK, "lease.break", "RWH->NONE ACK_REQUIRED epoch=2 key=k", null, 150);
        add("B", EventKind.OK, "nfs.write", "3 bytes", "b-write", 300);
        contentReads("nfs", "nfs");
        List<Checks.Outcome> out = Checks.evaluate(xp, h);
        assertThat(out).allMatch(Checks.Outcome::held);
        assertThat(out.get(0).reason()).contains("A received RWH->NONE ACK_REQUIRED 0.000 ms before b-write");
    }

    @Test
    void evaluate_breakAfterWriteCompleted_failsWithOrderReason() {
        add("B", EventKind.OK, "nfs.write", "3 bytes", "b-write", 300);
        add("A", EventKind.BREAK, "lease.break", "RWH->NONE ACK_REQUIRED epoch=2 key=k", null, 2_300_000);
        contentReads("nfs", "nfs");
        Checks.Outcome o = Checks.evaluate(xp, h).get(0);
        assertThat(o.held()).isFalse();
        assertThat(o.reason())
                .isEqualTo("A received the break RWH->NONE ACK_REQUIRED 2.300 ms after step b-write completed");
    }

    @Test
    void evaluate_breakToWrongState_failsListingWhatArrived() {
        add("A", EventKind.BREAK, "lease.break", "RWH->RH ACK_REQUIRED epoch=2 key=k", null, 150);
        add("B", EventKind.OK, "nfs.write", "3 bytes", "b-write", 300);
        contentReads("nfs", "nfs");
        Checks.Outcome o = Checks.evaluate(xp, h).get(0);
        assertThat(o.held()).isFalse();
        assertThat(o.reason()).endsWith("A received only [RWH->RH ACK_REQUIRED]");
    }

    @Test
    void evaluate_noBreakAndStaleSmbContent_bothFail() {
        add("B", EventKind.OK, "nfs.write", "3 bytes", "b-write", 300);
        contentReads("smb", "nfs");
        List<Checks.Outcome> out = Checks.evaluate(xp, h);
        assertThat(out.get(0).reason()).endsWith("A received no lease break");
        assertThat(out.get(1).held()).isFalse();
        assertThat(out.get(1).reason()).isEqualTo("expected smb read of f to return \"nfs\", got \"smb\"");
        assertThat(out.get(2).held()).isTrue();
    }

    @Test
    void breakDetail_formatThenParse_roundTrips() {
        BreakDetail d = BreakDetail.parse("RW->R ACK_REQUIRED epoch=0 key=x");
        assertThat(d.toString()).isEqualTo("RW->R ACK_REQUIRED");
        assertThat(BreakDetail.parse("RH->NONE epoch=3 key=y").ackRequired()).isFalse();
    }
}
