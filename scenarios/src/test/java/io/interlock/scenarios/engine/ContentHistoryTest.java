package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.scenarios.checks.FileCall;
import io.interlock.scenarios.checks.LinOp;
import io.interlock.scenarios.checks.LinResult;
import io.interlock.scenarios.checks.Linearizability;
import io.interlock.scenarios.clients.nfs.Nfs3Status;
import io.interlock.scenarios.clients.nfs.Nfs3StatusException;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.ops.NfsReadOp;
import io.interlock.scenarios.ops.NfsRenameOp;
import io.interlock.scenarios.ops.NfsWriteOp;
import io.interlock.scenarios.ops.Op;
import io.interlock.scenarios.ops.OpResult;
import io.interlock.scenarios.ops.SmbOpenOp;
import io.interlock.scenarios.ops.SmbReadOp;
import io.interlock.scenarios.ops.SmbWriteOp;
import io.interlock.scenarios.ops.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Hand-made runs (steps as their clients saw them, plus the history's breaks, flushes and acks),
 * without a server: A is an SMB client (caching or not), B and C speak NFS.
 */
class ContentHistoryTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ContentHistory.Settings WAIT = new ContentHistory.Settings(false, 35 * SECOND);
    private static final ContentHistory.Settings NOTIFY = new ContentHistory.Settings(true, 35 * SECOND);

    private final List<HistoryEvent> events = new ArrayList<>();
    private final List<ContentHistory.Call> calls = new ArrayList<>();
    private long nanos;

    /** A step under way. */
    private record Running(Step step, long invoke) {}

    private long event(String client, EventKind kind, String op, String detail, String step) {
        events.add(new HistoryEvent(events.size(), client, kind, op, detail, step, nanos, Instant.EPOCH));
        return events.size() - 1;
    }

    private Running invoke(String id, Op op) {
        Step s = new Step(id, op, false, null, null, null);
        return new Running(s, event(op.client(), EventKind.INVOKE, s.name(), op.describe(), id));
    }

    private void ok(Running r, OpResult result) {
        event(
                r.step().op().client(),
                EventKind.OK,
                r.step().name(),
                result.detail(),
                r.step().id());
        calls.add(new ContentHistory.Call(r.step(), r.invoke(), events.size() - 1, result));
    }

    private void fail(Running r, Exception e) {
        event(
                r.step().op().client(),
                EventKind.FAIL,
                r.step().name(),
                e.getMessage(),
                r.step().id());
        calls.add(new ContentHistory.Call(r.step(), r.invoke(), events.size() - 1, e));
    }

    private void run(String id, Op op, OpResult result) {
        ok(invoke(id, op), result);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static OpResult done() {
        return OpResult.ok("done");
    }

    private static OpResult cached() {
        return new OpResult(null, "cached", null, false, SmbClient.Written.CACHED);
    }

    private static OpResult sent() {
        return new OpResult(null, "sent", null, false, SmbClient.Written.SENT);
    }

    private static OpResult nfsRead(String data) {
        return OpResult.read(b(data), data);
    }

    private static OpResult smbRead(String data, boolean fromCache) {
        return new OpResult(null, data, b(data), false, new SmbClient.Read(b(data), fromCache));
    }

    private void openF(String handle) {
        run("open-" + handle, new SmbOpenOp("A", "f", handle, "RWH", null, null, null, null), done());
    }

    private void smbWrite(String id, String handle, String data, OpResult how) {
        run(id, new SmbWriteOp("A", "f", handle, null, data), how);
    }

    private void breakA(String detail) {
        event("A", EventKind.BREAK, "lease.break", detail + " epoch=2 key=k", null);
    }

    private void flush(String writeStep) {
        event("A", EventKind.INVOKE, "smb.flush", "4 bytes @0", Checks.flushStep(writeStep));
        event("A", EventKind.OK, "smb.flush", "4 bytes", Checks.flushStep(writeStep));
    }

    private void ack(boolean success) {
        event("A", EventKind.INVOKE, "smb.ack", "lease=RH", "A:ack");
        event(
                "A",
                success ? EventKind.ACK : EventKind.FAIL,
                "smb.ack",
                success ? "ok" : "STATUS_UNSUCCESSFUL",
                "A:ack");
    }

    private ContentHistory.Outcome check(ContentHistory.Settings s) {
        return ContentHistory.check(calls, events, s, new Linearizability());
    }

    @Test
    void check_cachedWriteThenNfsReadOfOldDataAfterBreakAck_failsNamingBoth() {
        openF("h1");
        smbWrite("a-write", "h1", "AAAA", cached());
        Running read = invoke("b-read", new NfsReadOp("B", "f", null));
        breakA("RWH->RH ACK_REQUIRED");
        flush("a-write");
        ack(true);
        ok(read, nfsRead("")); // the server answered with what it had before the flush: A's write is lost

        ContentHistory.Outcome o = check(WAIT);

        assertThat(o.violated()).isTrue();
        assertThat(o.explanation()).contains("A a-write").contains("B b-read").contains("\"AAAA\"");
    }

    @Test
    void check_nfsReadAfterTheAckOfFlushedData_failsWhenTheDataIsOld() {
        openF("h1");
        smbWrite("a-write", "h1", "AAAA", cached());
        breakA("RWH->RH ACK_REQUIRED");
        flush("a-write");
        ack(true);
        run("b-read", new NfsReadOp("B", "f", null), nfsRead(""));

        assertThat(check(WAIT).violated()).isTrue();
    }

    @Test
    void check_smbReadOfOldDataAfterNfsWriteCompleted_failsAsStaleRead() {
        openF("h1");
        run("b-write", new NfsWriteOp("B", "f", null, "BBBB"), OpResult.ok("4 bytes"));
        run("a-read", new SmbReadOp("A", "f", "h1", null), smbRead("", false));

        ContentHistory.Outcome o = check(WAIT);

        assertThat(o.violated()).isTrue();
        assertThat(o.explanation()).contains("a-read").contains("\"BBBB\"");
    }

    @Test
    void check_concurrentWritesFlushedOnBreak_passes() {
        openF("h1");
        smbWrite("a-write", "h1", "AAAA", cached());
        Running write = invoke("b-write", new NfsWriteOp("B", "f", null, "BB"));
        breakA("RWH->NONE ACK_REQUIRED");
        flush("a-write");
        ack(true);
        ok(write, OpResult.ok("2 bytes"));
        run("c-read", new NfsReadOp("C", "f", null), nfsRead("BBAA"));

        ContentHistory.Outcome o = check(WAIT);

        assertThat(o.result().verdict()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
        assertThat(o.mapped().ops()).hasSize(5); // A's open and cached write, B's create and write, C's read
    }

    @Test
    void check_cachedWriteNeverFlushed_mayOrMayNotHaveHappened() {
        openF("h1");
        smbWrite("a-write", "h1", "AAAA", cached());
        run("b-read", new NfsReadOp("B", "f", null), nfsRead(""));
        assertThat(check(WAIT).result().verdict()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
        assertThat(ContentHistory.map(calls, events, WAIT).ops())
                .filteredOn(op -> op.call() instanceof FileCall.Write)
                .singleElement()
                .satisfies(op -> assertThat(op.outcome()).isEqualTo(LinOp.Outcome.INFO));
    }

    @Test
    void check_nfsWriteWithoutAnswer_readMaySeeItOrNot() {
        run("b-create", new NfsWriteOp("B", "f", null, ""), OpResult.ok("0 bytes"));
        fail(invoke("b-write", new NfsWriteOp("B", "f", null, "BBBB")), new IOException("connection reset"));
        run("c-read", new NfsReadOp("C", "f", null), nfsRead(""));
        run("c-read2", new NfsReadOp("C", "f", null), nfsRead("BBBB"));
        assertThat(check(WAIT).result().verdict()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_readOfDataNobodyWrote_failsEvenWithUnknownOps() {
        fail(invoke("b-write", new NfsWriteOp("B", "f", null, "BBBB")), new IOException("timeout"));
        run("c-read", new NfsReadOp("C", "f", null), nfsRead("ZZZZ"));
        assertThat(check(WAIT).violated()).isTrue();
    }

    @Test
    void check_lateFlushAfterBreakTimedOut_isNotALostWrite() {
        openF("h1");
        smbWrite("a-write", "h1", "AAAA", cached());
        Running write = invoke("b-write", new NfsWriteOp("B", "f", null, "BBBB"));
        breakA("RWH->NONE ACK_REQUIRED");
        nanos += 35 * SECOND; // the break timer fires (R-SMB-68): the server goes on without A's data
        ok(write, OpResult.ok("4 bytes"));
        run("c-read", new NfsReadOp("C", "f", null), nfsRead("BBBB"));
        flush("a-write"); // A reacts late: its flush overwrites B's data, its ack comes too late
        ack(false);
        run("c-read2", new NfsReadOp("C", "f", null), nfsRead("AAAA"));

        assertThat(check(WAIT).result().verdict()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void check_lostWriteUnderNotify_notCheckedWithANote() {
        openF("h1");
        smbWrite("a-write", "h1", "AAAA", cached());
        Running write = invoke("b-write", new NfsWriteOp("B", "f", null, "BBBB"));
        breakA("RWH->NONE ACK_REQUIRED");
        ok(write, OpResult.ok("4 bytes"));
        flush("a-write");
        ack(true);
        run("c-read", new NfsReadOp("C", "f", null), nfsRead("AAAA"));

        assertThat(check(WAIT).violated()).isTrue(); // under WAIT, B's acknowledged write is lost
        ContentHistory.Outcome o = check(NOTIFY);
        assertThat(o.violated()).isFalse();
        assertThat(o.mapped().leftOut()).containsKey("f");
        assertThat(o.summary()).contains("NOTIFY");
    }

    @Test
    void check_readFromTheClientsCache_isNoServerRead() {
        openF("h1");
        run("a-read", new SmbReadOp("A", "f", "h1", null), smbRead("", false));
        run("b-write", new NfsWriteOp("B", "f", null, "BBBB"), OpResult.ok("4 bytes"));
        run("a-read2", new SmbReadOp("A", "f", "h1", null), smbRead("", true)); // stale, but from A's R cache

        assertThat(check(WAIT).result().verdict()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void map_handleWriteAfterRenameOfItsFile_leavesBothNamesOut() {
        openF("h1");
        run("b-rename", new NfsRenameOp("B", "f", "g"), OpResult.ok("renamed"));
        // A's handle still names the file, now g: its write lands in g, not in f
        smbWrite("a-write", "h1", "AAAA", sent());
        run("c-read-g", new NfsReadOp("C", "g", null), nfsRead("AAAA"));
        fail(invoke("c-read-f", new NfsReadOp("C", "f", null)), new Nfs3StatusException(2, "READ f"));

        ContentHistory.Mapped m = ContentHistory.map(calls, events, WAIT);

        assertThat(m.leftOut()).containsKeys("f", "g");
        assertThat(m.ops()).isEmpty();
        assertThat(check(WAIT).violated()).isFalse();
    }

    @Test
    void map_handleReadAfterRenameOfItsFile_leftOutWhileThePathStaysChecked() {
        run("b-write", new NfsWriteOp("B", "f", null, "BBBB"), OpResult.ok("4 bytes"));
        openF("h1");
        run("b-rename", new NfsRenameOp("B", "f", "g"), OpResult.ok("renamed"));
        run("b-write2", new NfsWriteOp("B", "f", null, "NEW"), OpResult.ok("3 bytes"));
        run("a-read", new SmbReadOp("A", "f", "h1", null), smbRead("BBBB", false)); // the renamed file

        ContentHistory.Mapped m = ContentHistory.map(calls, events, WAIT);

        assertThat(m.leftOut()).isEmpty();
        assertThat(m.ops()).noneMatch(op -> op.process().contains("a-read"));
        assertThat(check(WAIT).result().verdict()).isEqualTo(LinResult.Verdict.LINEARIZABLE);
    }

    @Test
    void map_nestedAndDirectoryPaths_notChecked() {
        run("b-write", new NfsWriteOp("B", "d/h", null, "BBBB"), OpResult.ok("4 bytes"));
        run("b-read", new NfsReadOp("B", "d/h", null), nfsRead("other"));
        assertThat(ContentHistory.map(calls, events, WAIT).ops()).isEmpty();
    }

    @Test
    void map_refusedAndNotFoundAnswers_failDroppedNotFoundKept() {
        fail(
                invoke("b-read", new NfsReadOp("B", "f", null)),
                new Nfs3StatusException(Nfs3Status.NFS3ERR_NOENT.value(), "READ f"));
        fail(invoke("c-read", new NfsReadOp("C", "f", null)), new TimeoutException("no reply"));
        fail(
                invoke("b-read2", new NfsReadOp("B", "f", null)),
                new Nfs3StatusException(Nfs3Status.NFS3ERR_JUKEBOX.value(), "READ f"));

        List<LinOp> ops = ContentHistory.map(calls, events, WAIT).ops();

        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).outcome()).isEqualTo(LinOp.Outcome.OK); // NOENT: the file is absent
        assertThat(ops.get(1).outcome()).isEqualTo(LinOp.Outcome.INFO); // no reply
    }
}
