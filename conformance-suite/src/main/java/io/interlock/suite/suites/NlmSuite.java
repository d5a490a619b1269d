package io.interlock.suite.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interlock.scenarios.clients.nlm.NlmCallback;
import io.interlock.scenarios.clients.nlm.NlmCallbackListener;
import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;
import io.interlock.scenarios.clients.nlm.NlmTestResult;
import io.interlock.scenarios.clients.rpc.PortmapClient;
import io.interlock.scenarios.clients.rpc.XidSequence;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteClock;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.nfs.Nfs3Raw;
import io.interlock.suite.rpc.RpcProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NLM v4 (RFC 1813 §6, XNFS ch. 10; catalog nfs3-nlm-crossproto.md §3, R-NLM-1..13) with the
 * engine's NLM client and callback listener: conflicts, TEST holders, blocking locks and GRANTED
 * callbacks, CANCEL, range splits, grace after a restart, FREE_ALL, the blocking queue limit,
 * stale handles and the asynchronous _MSG forms.
 */
@ExtendWith(SuiteExtension.class)
public final class NlmSuite {
    private static final Duration GRANT = Duration.ofSeconds(1);

    private static void assertStat(NlmStat expected, NlmStat actual, String what) {
        assertEquals(expected, actual, what);
    }

    /** A file on the test's export and its handle. */
    private static byte[] file(SuiteContext ctx, String name) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("nfs")) {
            return n.newFile(ctx.name(name));
        }
    }

    private static NlmLockSpec owner(byte[] fh, int pid, String host, long off, long len) {
        return NlmLockSpec.of(fh, pid, host, off, len);
    }

    @Test
    @Requirement("R-NLM-1")
    void null_nlmV4_answeredAndRegistered(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("N", ctx.nlmAddress())) {
            assertTrue(
                    p.call(NlmClient.NLM_PROGRAM, 4, 0, RpcProbe.Cred.none(), new byte[0])
                            .success(),
                    "NLM v4 NULL");
        }
        if (ctx.nfsEndpoint().portmapPort() > 0) {
            PortmapClient pm = new PortmapClient(
                    ctx.portmapper(),
                    SuiteContext.REPLY,
                    new XidSequence(7),
                    "suite",
                    io.interlock.scenarios.clients.ClientActivity.NONE);
            assertEquals(ctx.nlmAddress().getPort(), pm.getPort(NlmClient.NLM_PROGRAM, 4), "GETPORT(NLM, 4, TCP)");
        }
    }

    @Test
    @Requirement("R-NLM-2")
    void lock_otherOwnerConflictOrSameOwnerOverlap_deniedOrMerged(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", false);
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 100);
        assertStat(NlmStat.GRANTED, a.lock(la, true, false), "A locks [0,100)");
        assertStat(NlmStat.DENIED, b.lock(owner(fh, 200, "host-b", 50, 100), true, false), "B (other host) overlaps");
        assertStat(
                NlmStat.DENIED,
                a.lock(owner(fh, 101, "host-a", 50, 10), true, false),
                "another svid of host A overlaps");
        assertStat(
                NlmStat.GRANTED, a.lock(la.range(50, 100), true, false), "A again over an overlapping range: merged");
    }

    @Test
    @Requirement("R-NLM-3")
    void test_conflictAndFree_deniedWithHolderOrGrantedAndAcquiresNothing(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", false);
        assertStat(NlmStat.GRANTED, a.lock(owner(fh, 100, "host-a", 10, 20), true, false), "A locks [10,30)");
        NlmTestResult t = b.test(owner(fh, 200, "host-b", 0, 15), true);
        assertStat(NlmStat.DENIED, t.stat(), "TEST over A's range");
        assertNotNull(t.holder(), "DENIED carries the holder");
        assertTrue(t.holder().exclusive(), "holder exclusive");
        assertEquals(10, t.holder().offset(), "holder l_offset");
        assertEquals(20, t.holder().length(), "holder l_len");
        NlmTestResult free = b.test(owner(fh, 200, "host-b", 40, 10), true);
        assertStat(NlmStat.GRANTED, free.stat(), "TEST of a free range");
        // TEST acquired nothing: A can still take [40,50)
        assertStat(NlmStat.GRANTED, a.lock(owner(fh, 101, "host-a", 40, 10), true, false), "the tested range is free");
    }

    @Test
    @Requirement("R-NLM-4")
    void blockingLock_holderUnlocks_blockedThenGrantedCallbackWithinOneSecond(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", true);
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 10);
        NlmLockSpec lb = owner(fh, 200, "host-b", 0, 10);
        assertStat(NlmStat.GRANTED, a.lock(la, true, false), "A holds [0,10)");
        assertStat(NlmStat.BLOCKED, b.lock(lb, true, true), "B's blocking LOCK");
        CompletableFuture<NlmCallback> g = b.granted(lb, true);
        long t0 = System.nanoTime();
        assertStat(NlmStat.GRANTED, a.unlock(la), "A unlocks");
        NlmCallback cb = g.get(SuiteClock.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        ctx.note("GRANTED", "callback " + cb.procedure() + " after " + ms + " ms");
        assertTrue(ms <= GRANT.toMillis(), "GRANTED within 1 s of the unlock, took " + ms + " ms");
        assertEquals(lb, cb.lock(), "the callback carries the original alock");
        assertEquals("host-b", cb.callerName(), "caller_name of the alock");
        assertStat(NlmStat.DENIED, a.test(la, true).stat(), "B now holds the range");
    }

    @Test
    @Requirement("R-NLM-4")
    void blockingLock_callbackRefused_lockReleased(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", true);
        NlmCallbackListener l = ctx.nlmListener();
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 10);
        NlmLockSpec lb = owner(fh, 200, "host-b", 0, 10);
        a.lock(la, true, false);
        assertStat(NlmStat.BLOCKED, b.lock(lb, true, true), "B blocks");
        l.refuseGrants(true);
        a.unlock(la);
        SuiteClock.awaitReal(SuiteClock.EVENT, () -> !l.grants().isEmpty(), "the server calls GRANTED back");
        assertStat(NlmStat.DENIED, l.grants().get(0).answered(), "the listener refused the grant");
        NlmClient c = ctx.nlm("host-c", false);
        SuiteClock.awaitReal(
                SuiteClock.EVENT,
                () -> {
                    try {
                        return c.test(owner(fh, 300, "host-c", 0, 10), true).stat() == NlmStat.GRANTED;
                    } catch (Exception e) {
                        return false;
                    }
                },
                "a refused GRANTED releases the lock");
    }

    @Test
    @Requirement("R-NLM-5")
    void lock_identicalRequestResent_granted(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", true);
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 10);
        assertStat(NlmStat.GRANTED, a.lock(la, true, false), "first LOCK");
        assertStat(NlmStat.GRANTED, a.lock(la, true, false), "the identical LOCK again");
        assertStat(NlmStat.GRANTED, a.lock(la, true, true), "again, blocking");
    }

    @Test
    @Requirement("R-NLM-6")
    void cancel_queuedWaiter_removedAndNoGrantFollows(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", true);
        NlmCallbackListener l = ctx.nlmListener();
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 10);
        NlmLockSpec lb = owner(fh, 200, "host-b", 0, 10);
        a.lock(la, true, false);
        assertStat(NlmStat.BLOCKED, b.lock(lb, true, true), "B blocks");
        assertStat(NlmStat.GRANTED, b.cancel(lb, true), "CANCEL of the waiter");
        a.unlock(la);
        SuiteClock.watchReal(SuiteClock.QUIET.multipliedBy(2), () -> !l.grants().isEmpty(), "a GRANTED after CANCEL");
        assertStat(NlmStat.GRANTED, a.test(la, true).stat(), "nobody holds the range: the waiter was removed");
    }

    @Test
    @Requirement("R-NLM-6")
    void cancelAndUnlock_nothingHeld_granted(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 10);
        assertStat(NlmStat.GRANTED, a.cancel(la, true), "CANCEL of nothing");
        assertStat(NlmStat.GRANTED, a.unlock(la), "UNLOCK of nothing");
    }

    @Test
    @Requirement("R-NLM-7")
    void unlock_middleOfRange_splitsTheLock(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", false);
        NlmLockSpec la = owner(fh, 100, "host-a", 0, 100);
        a.lock(la, true, false);
        assertStat(NlmStat.GRANTED, a.unlock(la.range(40, 20)), "UNLOCK [40,60)");
        assertStat(
                NlmStat.GRANTED, b.test(owner(fh, 200, "host-b", 45, 5), true).stat(), "[45,50) is free");
        assertStat(
                NlmStat.DENIED, b.test(owner(fh, 200, "host-b", 10, 10), true).stat(), "[10,20) still held");
        assertStat(
                NlmStat.DENIED, b.test(owner(fh, 200, "host-b", 70, 10), true).stat(), "[70,80) still held");
    }

    @Test
    @Requirement("R-NLM-8")
    void lock_lengthZero_coversToInfinityAndOverflowNeverWraps(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", false);
        assertStat(NlmStat.GRANTED, a.lock(owner(fh, 100, "host-a", 100, 0), true, false), "LOCK [100, ∞)");
        assertStat(
                NlmStat.DENIED,
                b.test(owner(fh, 200, "host-b", 1L << 40, 1), true).stat(),
                "a byte far beyond is held");
        assertStat(
                NlmStat.GRANTED, b.test(owner(fh, 200, "host-b", 0, 100), true).stat(), "[0,100) is free");
        NlmStat overflow = b.lock(owner(fh, 201, "host-b", -10L, 100), true, false);
        ctx.note("overflow", "LOCK at 2^64-10 of 100 bytes: " + overflow);
        assertTrue(
                overflow == NlmStat.FBIG || overflow == NlmStat.DENIED,
                "an offset+len beyond 2^64 is refused, got " + overflow);
        assertStat(
                NlmStat.GRANTED, a.test(owner(fh, 101, "host-a", 0, 10), true).stat(), "nothing wrapped around to 0");
    }

    @Test
    @Requirement("R-NLM-9")
    void restart_duringGrace_onlyReclaimsGrantedThenAnythingAfter(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        Duration grace = Duration.ofSeconds(90);
        ctx.restart(grace);
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", false);
        assertStat(
                NlmStat.DENIED_GRACE_PERIOD,
                b.lock(owner(fh, 200, "host-b", 50, 10), true, false),
                "a new LOCK during grace");
        assertStat(
                NlmStat.GRANTED, a.lock(owner(fh, 100, "host-a", 0, 10), true, false, true), "a reclaim during grace");
        ctx.clock()
                .awaitWithin(
                        grace,
                        () -> {
                            try {
                                return b.lock(owner(fh, 200, "host-b", 50, 10), true, false) == NlmStat.GRANTED;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        "a new LOCK is granted once the grace period is over");
    }

    @Test
    @Requirement("R-NLM-10")
    void freeAll_callerName_releasesItsLocksOnEveryFile(SuiteContext ctx) throws Exception {
        byte[] f1 = file(ctx, "f1");
        byte[] f2 = file(ctx, "f2");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", false);
        a.lock(owner(f1, 100, "host-a", 0, 10), true, false);
        a.lock(owner(f2, 101, "host-a", 0, 10), true, false);
        b.lock(owner(f2, 200, "host-b", 20, 10), true, false);
        a.freeAll("host-a", 3);
        NlmClient c = ctx.nlm("host-c", false);
        SuiteClock.awaitReal(
                SuiteClock.EVENT,
                () -> {
                    try {
                        return c.test(owner(f1, 300, "host-c", 0, 10), true).stat() == NlmStat.GRANTED
                                && c.test(owner(f2, 300, "host-c", 0, 10), true).stat() == NlmStat.GRANTED;
                    } catch (Exception e) {
                        return false;
                    }
                },
                "FREE_ALL(host-a) released A's locks on both files");
        assertStat(
                NlmStat.DENIED, c.test(owner(f2, 300, "host-c", 20, 10), true).stat(), "B's lock stays");
    }

    @Test
    @Requirement("R-NLM-10")
    void freeAll_duringGrace_releasesNothing(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        Duration grace = Duration.ofSeconds(90);
        ctx.restart(grace);
        NlmClient a = ctx.nlm("host-a", false);
        assertStat(NlmStat.GRANTED, a.lock(owner(fh, 100, "host-a", 0, 10), true, false, true), "reclaim during grace");
        a.freeAll("host-a", 5);
        NlmClient c = ctx.nlm("host-c", false);
        // once the grace period is over, the reclaimed lock is still there: FREE_ALL did nothing
        ctx.clock()
                .awaitWithin(
                        grace,
                        () -> {
                            try {
                                return c.test(owner(fh, 300, "host-c", 0, 10), true)
                                                .stat()
                                        != NlmStat.DENIED_GRACE_PERIOD;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        "the grace period ends");
        assertStat(
                NlmStat.DENIED,
                c.test(owner(fh, 300, "host-c", 0, 10), true).stat(),
                "the lock survived FREE_ALL during grace");
    }

    @Test
    @Requirement("R-NLM-11")
    void blockingQueue_beyond100WaitersPerFile_deniedNolocks(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", false);
        NlmClient b = ctx.nlm("host-b", true);
        a.lock(owner(fh, 100, "host-a", 0, 10), true, false);
        List<NlmStat> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(b.lock(owner(fh, 1000 + i, "host-b", 0, 10), true, true));
        }
        assertTrue(answers.stream().allMatch(s -> s == NlmStat.BLOCKED), "100 waiters queued: " + answers);
        assertStat(NlmStat.DENIED_NOLOCKS, b.lock(owner(fh, 2000, "host-b", 0, 10), true, true), "the 101st waiter");
        for (int i = 0; i < 100; i++) {
            b.cancel(owner(fh, 1000 + i, "host-b", 0, 10), true);
        }
    }

    @Test
    @Requirement("R-NLM-12")
    void lock_removedOrUndecodableHandle_staleFh(SuiteContext ctx) throws Exception {
        byte[] fh;
        try (Nfs3Raw n = ctx.nfsRaw("nfs")) {
            String name = ctx.name("gone");
            fh = n.newFile(name);
            n.remove(n.root(), name);
        }
        NlmClient a = ctx.nlm("host-a", false);
        assertStat(NlmStat.STALE_FH, a.lock(owner(fh, 100, "host-a", 0, 10), true, false), "LOCK of a removed file");
        assertStat(
                NlmStat.STALE_FH,
                a.lock(owner(new byte[] {9, 9, 9}, 100, "host-a", 0, 10), true, false),
                "LOCK of a garbage handle");
        assertStat(
                NlmStat.STALE_FH, a.test(owner(fh, 100, "host-a", 0, 10), true).stat(), "TEST of a removed file");
    }

    @Test
    @Requirement("R-NLM-13")
    void lockMsg_freeAndConflicting_lockResMatchesSynchronousAnswer(SuiteContext ctx) throws Exception {
        byte[] fh = file(ctx, "f");
        NlmClient a = ctx.nlm("host-a", true);
        NlmClient b = ctx.nlm("host-b", true);
        NlmCallback res =
                a.lockMsg(owner(fh, 100, "host-a", 0, 10), true, false).get(5, TimeUnit.SECONDS);
        assertEquals(NlmCallback.LOCK_RES, res.procedure(), "LOCK_MSG answered by LOCK_RES");
        assertStat(NlmStat.GRANTED, res.stat(), "LOCK_RES of a free range");
        NlmCallback denied =
                b.lockMsg(owner(fh, 200, "host-b", 5, 10), true, false).get(5, TimeUnit.SECONDS);
        assertStat(NlmStat.DENIED, denied.stat(), "LOCK_RES of a conflicting range");
        assertStat(NlmStat.DENIED, b.lock(owner(fh, 201, "host-b", 5, 10), true, false), "the synchronous LOCK agrees");
        NlmCallback test = b.testMsg(owner(fh, 200, "host-b", 5, 10), true).get(5, TimeUnit.SECONDS);
        assertEquals(NlmCallback.TEST_RES, test.procedure(), "TEST_MSG answered by TEST_RES");
        assertStat(NlmStat.DENIED, test.stat(), "TEST_RES");
    }
}
