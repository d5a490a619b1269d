package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.scenarios.ops.BreakDetail;
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

    // --- lost write: A caches "AAAA" before B's NFS write of "BBBB"; the final content decides

    private final Scenario lostNotify =
            ScenarioCatalog.find("xp-lost-write-notify").orElseThrow();

    private void lostWriteHistory(String finalContent, long flushNanos) {
        add("A", EventKind.INVOKE, "smb.write", "f", "a-write", 10);
        add("A", EventKind.OK, "smb.write", "4 bytes cached", "a-write", 20);
        add("B", EventKind.INVOKE, "nfs.write", "f", "b-write", 100);
        add("A", EventKind.BREAK, "lease.break", "RWH->NONE ACK_REQUIRED epoch=2 key=k", null, 150);
        add("B", EventKind.OK, "nfs.write", "4 bytes", "b-write", 200);
        add("A", EventKind.INVOKE, "smb.flush", "4 bytes @0", "a-write:flush", flushNanos);
        add("A", EventKind.OK, "smb.flush", "4 bytes", "a-write:flush", flushNanos + 10);
        add("check", EventKind.OK, "nfs.read", finalContent, "expect:content:nfs:f", 900_000_000);
    }

    private Checks.Outcome lostWriteOutcome() {
        return Checks.evaluate(lostNotify, h).stream()
                .filter(o -> o.expectation().expect().equals(Expectation.NO_LOST_WRITE))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void noLostWrite_lateFlushOverwroteAcknowledgedNfsWrite_failsNamingTheFlush() {
        lostWriteHistory("AAAA", 500_200);
        Checks.Outcome o = lostWriteOutcome();
        assertThat(o.held()).isFalse();
        assertThat(o.reason())
                .isEqualTo("lost write: NFS WRITE b-write (\"BBBB\"@0) was acknowledged, but the final content there is"
                        + " \"AAAA\", the data of a-write (A, written before b-write was sent), which A flushed from its"
                        + " cache 0.5 ms after the NFS reply");
    }

    @Test
    void noLostWrite_flushBeforeNfsWriteApplied_holds() {
        lostWriteHistory("BBBB", 120);
        assertThat(lostWriteOutcome().held()).isTrue();
        assertThat(lostWriteOutcome().reason())
                .isEqualTo("1 acknowledged NFS write(s) to f survive in the final content");
    }

    @Test
    void noLostWrite_nfsWriteNotAcknowledged_promisesNothing() {
        add("B", EventKind.INVOKE, "nfs.write", "f", "b-write", 100);
        add("B", EventKind.FAIL, "nfs.write", "NFS3ERR_IO", "b-write", 200);
        add("check", EventKind.OK, "nfs.read", "AAAA", "expect:content:nfs:f", 900);
        assertThat(lostWriteOutcome().held()).isTrue();
    }

    @Test
    void noLostWrite_finalReadMissing_failsAsUndecidable() {
        add("B", EventKind.OK, "nfs.write", "4 bytes", "b-write", 200);
        assertThat(lostWriteOutcome().held()).isFalse();
        assertThat(lostWriteOutcome().reason()).contains("the final NFS read was not performed");
    }

    // --- ack-before and latency (R-XP-7)

    private final Scenario waitAck =
            ScenarioCatalog.find("xp-wait-write-after-ack").orElseThrow();

    private Checks.Outcome outcome(Scenario s, String kind) {
        return Checks.evaluate(s, h).stream()
                .filter(o -> o.expectation().expect().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void ackBefore_replyAfterAck_holds() {
        add("B", EventKind.INVOKE, "nfs.write", "f", "b-write", 0);
        add("A", EventKind.INVOKE, "smb.ack", "lease=NONE", "A:ack", 300_000_000);
        add("B", EventKind.OK, "nfs.write", "2 bytes", "b-write", 301_000_000);
        assertThat(outcome(waitAck, Expectation.ACK_BEFORE).held()).isTrue();
        assertThat(outcome(waitAck, Expectation.LATENCY).reason()).isEqualTo("step b-write took 301.0 ms");
        assertThat(outcome(waitAck, Expectation.LATENCY).held()).isTrue();
    }

    @Test
    void ackBefore_replyBeforeAck_failsAndLatencyTooShort() {
        add("B", EventKind.INVOKE, "nfs.write", "f", "b-write", 0);
        add("B", EventKind.OK, "nfs.write", "2 bytes", "b-write", 2_000_000);
        add("A", EventKind.INVOKE, "smb.ack", "lease=NONE", "A:ack", 300_000_000);
        assertThat(outcome(waitAck, Expectation.ACK_BEFORE).reason())
                .isEqualTo("b-write completed 298.000 ms before A sent its ack (the NFS reply must wait for the ack)");
        assertThat(outcome(waitAck, Expectation.LATENCY).reason())
                .isEqualTo("step b-write took 2.0 ms, less than PT0.25S");
    }

    @Test
    void noBreak_breakCausedByTheEnginesOwnChecks_isIgnored() {
        Scenario failed = ScenarioCatalog.find("xp-failed-op-breaks-nothing").orElseThrow();
        add("engine", EventKind.INFO, Checks.CHECKS_START, "reading", null, 1000);
        add("A", EventKind.BREAK, "lease.break", "RWH->RH ACK_REQUIRED epoch=2 key=k", null, 2000);
        assertThat(Checks.evaluate(failed, h)).allMatch(Checks.Outcome::held);
        h.clear();
        add("A", EventKind.BREAK, "lease.break", "RWH->NONE ACK_REQUIRED", null, 500);
        add("engine", EventKind.INFO, Checks.CHECKS_START, "reading", null, 1000);
        assertThat(Checks.evaluate(failed, h).get(0).held()).isFalse();
    }
}
