package io.interlock.scenarios.clients.nlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.clients.rpc.OncRpc;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.NfsServer;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NLM v4 end to end: our own NLM client (its own XDR) against the embedded server on ephemeral
 * ports, with a callback listener registered in the server's own portmapper under {@link
 * NlmCallbackListener#CALLBACK_PROGRAM} (spec §3, R-NLM-*, R-XP-8/10).
 *
 * <p>SMB byte-range locks are taken through the shared {@link LockManager} with an SMB {@link
 * LockOwner}, because the SMB LOCK command is not in main yet; "SMB close" is the manager's
 * {@code releaseLocks} for that owner, which is what the SMB CLOSE path calls.
 */
class NlmIT {
    private static final Duration GRANT_BOUND = Duration.ofSeconds(1);

    private SystemServerClock clock;
    private LockManager locks;
    private MemoryFileSystem fs;
    private NfsServer server;
    private NfsServer.NfsEndpoints ep;
    private NlmCallbackListener listener;
    private NlmClient a;
    private NlmClient b;
    private NlmClient c;
    private FileId fileId;
    private byte[] fh;

    @BeforeEach
    void start() throws Exception {
        startServer(NlmConfig.defaults().withGrace(Duration.ZERO).withMaxBlockedPerFile(3));
    }

    private void startServer(NlmConfig nlm) throws Exception {
        clock = new SystemServerClock();
        FaultPoints faults = new FaultPoints();
        locks = new LockManager(clock, LockManagerConfig.defaults(), faults);
        ShareRegistry shares = new ShareRegistry();
        fs = new MemoryFileSystem(clock.asJavaClock());
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        ServerConfig cfg = ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0);
        server = new NfsServer(
                cfg, shares, locks, clock, faults, nlm.withCallbackProgram(NlmCallbackListener.CALLBACK_PROGRAM));
        ep = server.start();
        listener = NlmCallbackListener.start(NlmCallbackListener.CALLBACK_PROGRAM);
        listener.registerWith(ep.portmap());
        a = NlmClient.connect(ep.nlm(), "hostA", listener, Duration.ofSeconds(10));
        b = NlmClient.connect(ep.nlm(), "hostB", listener, Duration.ofSeconds(10));
        c = NlmClient.connect(ep.nlm(), "hostC", listener, Duration.ofSeconds(10));
        fileId = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = handle(fileId);
    }

    private static byte[] handle(FileId id) {
        return new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), id).encode();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable x : new AutoCloseable[] {a, b, c, listener}) {
            if (x != null) {
                x.close();
            }
        }
        if (server != null) {
            server.close();
        }
        clock.close();
    }

    private void restart(NlmConfig nlm) throws Exception {
        stop();
        startServer(nlm);
    }

    private NlmLockSpec lockOf(int pid, String host, long off, long len) {
        return NlmLockSpec.of(fh, pid, host, off, len);
    }

    @Test
    void lock_otherOwnerConflicts_deniedAndTestReportsHolder() throws Exception {
        NlmLockSpec la = lockOf(100, "hostA", 0, 100);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        // R-NLM-5: the identical request again is GRANTED
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        NlmLockSpec lb = lockOf(200, "hostB", 50, 10);
        assertThat(b.lock(lb, false, false)).isEqualTo(NlmStat.DENIED);
        NlmTestResult t = b.test(lb, false);
        assertThat(t.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(t.holder().exclusive()).isTrue();
        assertThat(t.holder().svid()).isEqualTo(100);
        assertThat(new String(t.holder().oh(), StandardCharsets.US_ASCII)).isEqualTo("100@hostA");
        assertThat(t.holder().offset()).isZero();
        assertThat(t.holder().length()).isEqualTo(100);
        // same caller_name, other svid: another owner (R-NLM-2)
        assertThat(a.lock(lockOf(101, "hostA", 0, 1), false, false)).isEqualTo(NlmStat.DENIED);
        // shared locks coexist
        NlmLockSpec s1 = lockOf(100, "hostA", 1000, 10);
        assertThat(a.lock(s1, false, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.lock(lockOf(200, "hostB", 1000, 10), false, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.test(lockOf(200, "hostB", 1000, 10), true).stat()).isEqualTo(NlmStat.DENIED);
    }

    @Test
    void unlock_middleOfLock_splitsRange() throws Exception {
        // R-NLM-7: lock [0,100), unlock [40,60); TEST [45,50) → GRANTED, TEST [10,20) → DENIED
        assertThat(a.lock(lockOf(1, "hostA", 0, 100), true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(a.unlock(lockOf(1, "hostA", 40, 20))).isEqualTo(NlmStat.GRANTED);
        assertThat(b.test(lockOf(2, "hostB", 45, 5), true).stat()).isEqualTo(NlmStat.GRANTED);
        NlmTestResult left = b.test(lockOf(2, "hostB", 10, 10), true);
        assertThat(left.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(left.holder().offset()).isZero();
        assertThat(left.holder().length()).isEqualTo(40);
        NlmTestResult right = b.test(lockOf(2, "hostB", 90, 1), true);
        assertThat(right.holder().offset()).isEqualTo(60);
        assertThat(right.holder().length()).isEqualTo(40);
        // unlocking what is not held is GRANTED (R-NLM-6)
        assertThat(b.unlock(lockOf(2, "hostB", 0, 0))).isEqualTo(NlmStat.GRANTED);
    }

    @Test
    void lock_lengthZero_locksToInfinity_andOverflowIsFbig() throws Exception {
        assertThat(a.lock(lockOf(1, "hostA", 1L << 40, 0), true, false)).isEqualTo(NlmStat.GRANTED);
        NlmTestResult t = b.test(lockOf(2, "hostB", -2L, 1), false);
        assertThat(t.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(t.holder().length()).isZero();
        // offset 2^64-1, len 2: beyond 2^64 (R-NLM-8)
        assertThat(b.lock(lockOf(2, "hostB", -1L, 2), true, false)).isEqualTo(NlmStat.FBIG);
        assertThat(b.test(lockOf(2, "hostB", -1L, 2), true).stat()).isEqualTo(NlmStat.FBIG);
    }

    @Test
    void blockingLock_releasedByNlmUnlock_grantedCallbackWithinOneSecond() throws Exception {
        NlmLockSpec la = lockOf(1, "hostA", 0, 100);
        NlmLockSpec lb = lockOf(2, "hostB", 10, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        // re-sent while still queued: BLOCKED again, not queued twice
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        CompletableFuture<NlmCallback> g = b.granted(lb, true);
        assertThat(g).isNotDone();
        assertThat(a.unlock(la)).isEqualTo(NlmStat.GRANTED);
        await().atMost(GRANT_BOUND).until(g::isDone);
        NlmCallback cb = g.join();
        assertThat(cb.callerName()).isEqualTo("hostB");
        assertThat(cb.lock()).isEqualTo(lb);
        assertThat(cb.exclusive()).isTrue();
        // B holds it now
        NlmTestResult t = c.test(lockOf(3, "hostC", 0, 0), false);
        assertThat(t.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(t.holder().svid()).isEqualTo(2);
        // and a re-sent LOCK after the grant is GRANTED (Linux re-sends after 30 s, R-NLM-5)
        assertThat(b.lock(lb, true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(listener.grants()).hasSize(1);
    }

    @Test
    void blockingLock_releasedBySmbUnlock_grantedWithinOneSecond() throws Exception {
        LockOwner smb = new LockOwner("smb", "1:7");
        assertThat(locks.lock(fileId, smb, ByteRange.of(0, 100), true).granted())
                .isTrue();
        NlmLockSpec lb = lockOf(2, "hostB", 0, 100);
        // R-XP-10: an SMB exclusive lock makes NLM TEST and LOCK DENIED; the holder is not NLM
        NlmTestResult t = b.test(lb, false);
        assertThat(t.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(t.holder().svid()).isZero();
        assertThat(b.lock(lb, false, false)).isEqualTo(NlmStat.DENIED);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        CompletableFuture<NlmCallback> g = b.granted(lb, true);
        locks.unlock(fileId, smb, ByteRange.of(0, 100));
        await().atMost(GRANT_BOUND).until(g::isDone);
        assertThat(locks.locksOn(fileId))
                .singleElement()
                .satisfies(l -> assertThat(l.owner().protocol()).isEqualTo("nlm"));
    }

    @Test
    void blockingLock_releasedBySmbClose_grantedWithinOneSecond() throws Exception {
        LockOwner smb = new LockOwner("smb", "1:8");
        assertThat(locks.lock(fileId, smb, ByteRange.of(0, 10), false).granted())
                .isTrue();
        assertThat(locks.lock(fileId, smb, ByteRange.of(20, 10), true).granted())
                .isTrue();
        NlmLockSpec lb = lockOf(2, "hostB", 0, 0);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        CompletableFuture<NlmCallback> g = b.granted(lb, true);
        locks.releaseLocks(smb::equals); // what SMB CLOSE of the open does
        await().atMost(GRANT_BOUND).until(g::isDone);
    }

    @Test
    void nlmLock_blocksSmbLock() throws Exception {
        assertThat(a.lock(lockOf(1, "hostA", 100, 50), true, false)).isEqualTo(NlmStat.GRANTED);
        LockOwner smb = new LockOwner("smb", "2:1");
        assertThat(locks.lock(fileId, smb, ByteRange.of(120, 1), false).granted())
                .isFalse();
        assertThat(locks.lock(fileId, smb, ByteRange.of(150, 10), true).granted())
                .isTrue();
        assertThat(locks.ioConflict(fileId, smb, ByteRange.of(149, 2), true)).isPresent();
    }

    @Test
    void cancel_blockedLock_noGrantedFollows() throws Exception {
        NlmLockSpec la = lockOf(1, "hostA", 0, 10);
        NlmLockSpec lb = lockOf(2, "hostB", 0, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        assertThat(b.cancel(lb, true)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.cancel(lb, true)).isEqualTo(NlmStat.GRANTED); // idempotent (R-NLM-6)
        assertThat(a.unlock(la)).isEqualTo(NlmStat.GRANTED);
        // B was not given the lock: C gets it at once, and no GRANTED was ever sent
        assertThat(c.lock(lockOf(3, "hostC", 0, 10), true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(listener.grants()).isEmpty();
    }

    @Test
    void blockedLockMsg_grantedWithGrantedMsg_answeredByGrantedRes() throws Exception {
        NlmLockSpec la = lockOf(1, "hostA", 0, 10);
        NlmLockSpec lb = lockOf(2, "hostB", 0, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        NlmCallback res = b.lockMsg(lb, true, true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(res.procedure()).isEqualTo(NlmCallback.LOCK_RES);
        assertThat(res.stat()).isEqualTo(NlmStat.BLOCKED);
        CompletableFuture<NlmCallback> g = b.granted(lb, true);
        a.unlock(la);
        await().atMost(GRANT_BOUND).until(g::isDone);
        assertThat(g.join().procedure())
                .as("a LOCK_MSG is granted asynchronously")
                .isEqualTo(NlmCallback.GRANTED_MSG);
        assertThat(listener.grants()).as("no synchronous GRANTED").isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> listener.grantedResSent().equals(List.of(NlmStat.GRANTED)));
        NlmTestResult t = c.test(lockOf(3, "hostC", 0, 0), false);
        assertThat(t.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(t.holder().svid()).isEqualTo(2);
    }

    @Test
    void blockedLockMsg_grantedMsgRefusedByGrantedRes_lockReleased() throws Exception {
        NlmLockSpec la = lockOf(1, "hostA", 0, 10);
        NlmLockSpec lb = lockOf(2, "hostB", 0, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        b.lockMsg(lb, true, true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        listener.refuseGrants(true);
        a.unlock(la);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> listener.grantedResSent().equals(List.of(NlmStat.DENIED)));
        await().atMost(Duration.ofSeconds(2)).until(() -> locks.locksOn(fileId).isEmpty());
    }

    @Test
    void grantedCallbackRefused_lockReleased() throws Exception {
        NlmLockSpec la = lockOf(1, "hostA", 0, 10);
        NlmLockSpec lb = lockOf(2, "hostB", 0, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        listener.refuseGrants(true);
        a.unlock(la);
        await().atMost(GRANT_BOUND).until(() -> !listener.grants().isEmpty());
        assertThat(listener.grants().get(0).answered()).isEqualTo(NlmStat.DENIED);
        // the server released B's lock after the refusal (R-NLM-4)
        await().atMost(Duration.ofSeconds(2)).until(() -> locks.locksOn(fileId).isEmpty());
    }

    @Test
    void blockingQueue_pastLimit_deniedNolocks() throws Exception {
        assertThat(a.lock(lockOf(1, "hostA", 0, 0), true, false)).isEqualTo(NlmStat.GRANTED);
        for (int i = 0; i < 3; i++) {
            assertThat(b.lock(lockOf(10 + i, "hostB", 0, 1), true, true)).isEqualTo(NlmStat.BLOCKED);
        }
        assertThat(b.lock(lockOf(20, "hostB", 0, 1), true, true)).isEqualTo(NlmStat.DENIED_NOLOCKS);
    }

    @Test
    void freeAll_releasesCallersLocksAndWakesWaiters() throws Exception {
        FileId other = fs.createFile(fs.root(), "g", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        assertThat(a.lock(lockOf(1, "hostA", 0, 10), true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(a.lock(new NlmLockSpec(handle(other), new byte[] {9}, 9, 0, 0), true, false))
                .isEqualTo(NlmStat.GRANTED);
        NlmLockSpec lb = lockOf(2, "hostB", 5, 1);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        CompletableFuture<NlmCallback> g = b.granted(lb, true);
        // C's blocked request is drained by FREE_ALL(hostC): it never gets GRANTED
        NlmLockSpec lc = lockOf(3, "hostC", 0, 1);
        assertThat(c.lock(lc, true, true)).isEqualTo(NlmStat.BLOCKED);
        c.freeAll("hostC", 3);
        c.freeAll("hostA", 3);
        await().atMost(GRANT_BOUND).until(g::isDone);
        assertThat(locks.locksOn(other)).isEmpty();
        assertThat(locks.locksOn(fileId))
                .singleElement()
                .satisfies(l -> assertThat(l.owner().id()).startsWith("hostB:"));
        assertThat(listener.grants()).extracting(NlmCallback::callerName).containsExactly("hostB");
    }

    @Test
    void staleOrForeignHandle_staleFh() throws Exception {
        NlmLockSpec foreign = new NlmLockSpec(new byte[] {1, 2, 3}, new byte[] {1}, 1, 0, 1);
        assertThat(a.lock(foreign, true, false)).isEqualTo(NlmStat.STALE_FH);
        assertThat(a.test(foreign, true).stat()).isEqualTo(NlmStat.STALE_FH);
        fs.remove(fs.root(), "f");
        assertThat(a.lock(lockOf(1, "hostA", 0, 1), true, false)).isEqualTo(NlmStat.STALE_FH);
        assertThat(a.unlock(lockOf(1, "hostA", 0, 1))).isEqualTo(NlmStat.STALE_FH);
    }

    @Test
    void lockMsg_lockResCarriesSynchronousStatus() throws Exception {
        assertThat(a.lock(lockOf(1, "hostA", 0, 10), true, false)).isEqualTo(NlmStat.GRANTED);
        NlmCallback denied =
                b.lockMsg(lockOf(2, "hostB", 0, 10), true, false).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(denied.procedure()).isEqualTo(NlmCallback.LOCK_RES);
        assertThat(denied.stat()).isEqualTo(NlmStat.DENIED);
        NlmCallback granted =
                b.lockMsg(lockOf(2, "hostB", 20, 10), true, false).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(granted.stat()).isEqualTo(NlmStat.GRANTED);
        NlmCallback test = c.testMsg(lockOf(3, "hostC", 5, 1), false).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(test.procedure()).isEqualTo(NlmCallback.TEST_RES);
        assertThat(test.stat()).isEqualTo(NlmStat.DENIED);
        assertThat(test.holder().svid()).isEqualTo(1);
    }

    @Test
    void lock_smbLeaseHeld_breaksLeaseThenGrants() throws Exception {
        // R-XP-8: the lease holder is told to break (to NONE) and acknowledges; then the lock is granted
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        locks.requestLease(new LeaseRequest(fileId, key, LeaseState.RWH, 2, 0, false, n -> {
            breaks.add(n.newState());
            CompletableFuture.runAsync(() -> locks.acknowledge(n.key(), n.newState()));
        }));
        long t0 = System.nanoTime();
        assertThat(a.lock(lockOf(1, "hostA", 0, 10), true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        assertThat(breaks).isNotEmpty();
        assertThat(locks.lease(key).orElseThrow().state()).isEqualTo(LeaseState.NONE);
    }

    @Test
    void lock_smbLeaseNeverAcked_grantedAfterBoundedWait() throws Exception {
        restart(NlmConfig.defaults().withGrace(Duration.ZERO).withLeaseBreakWait(Duration.ofMillis(300)));
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        locks.requestLease(new LeaseRequest(fileId, key, LeaseState.RWH, 2, 0, false, n -> breaks.add(n.newState())));
        long t0 = System.nanoTime();
        assertThat(a.lock(lockOf(1, "hostA", 0, 10), true, false)).isEqualTo(NlmStat.GRANTED);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(3));
        assertThat(breaks).containsExactly(LeaseState.NONE);
    }

    @Test
    void gracePeriod_onlyReclaimsUntilItEnds() throws Exception {
        restart(NlmConfig.defaults().withGrace(Duration.ofSeconds(2)));
        NlmLockSpec la = lockOf(1, "hostA", 0, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.DENIED_GRACE_PERIOD);
        assertThat(b.lock(lockOf(2, "hostB", 100, 10), true, false, true)).isEqualTo(NlmStat.GRANTED);
        // FREE_ALL does nothing during grace (R-NLM-10)
        c.freeAll("hostB", 5);
        assertThat(locks.locksOn(fileId)).hasSize(1);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> a.lock(la, true, false) == NlmStat.GRANTED);
        assertThat(b.lock(lockOf(2, "hostB", 200, 10), true, false, true)).isEqualTo(NlmStat.DENIED_GRACE_PERIOD);
    }

    @Test
    void grantedCallback_noServiceRegistered_lockReleased() throws Exception {
        NlmLockSpec la = lockOf(1, "hostA", 0, 10);
        NlmLockSpec lb = lockOf(2, "hostB", 0, 10);
        assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
        assertThat(b.lock(lb, true, true)).isEqualTo(NlmStat.BLOCKED);
        listener.close(); // portmap UNSET: the server finds no callback service
        a.unlock(la);
        await().atMost(Duration.ofSeconds(6)).until(() -> locks.locksOn(fileId).isEmpty());
        assertThat(c.lock(lockOf(3, "hostC", 0, 10), true, false)).isEqualTo(NlmStat.GRANTED);
    }

    @Test
    void portmapper_mapsNlmAndNsm_andNullAnswersOverUdp() throws Exception {
        assertThat(getPort(100021, 4, 6)).isEqualTo(ep.nlm().getPort());
        assertThat(getPort(100024, 1, 6)).isEqualTo(ep.nlm().getPort());
        assertThat(getPort(100021, 4, 17)).isEqualTo(ep.nlm().getPort());
        try (java.net.DatagramSocket u = new java.net.DatagramSocket()) {
            u.setSoTimeout(5000);
            byte[] call = OncRpc.call(77, 100021, 4, 0, "udp").bytes();
            u.send(new java.net.DatagramPacket(call, call.length, ep.nlm()));
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[512], 512);
            u.receive(p);
            OncRpc.results(java.util.Arrays.copyOf(p.getData(), p.getLength()), 77);
        }
    }

    private int getPort(int prog, int vers, int prot) throws Exception {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(ep.portmap(), 3000);
            s.setSoTimeout(3000);
            XdrOut o = OncRpc.call(5, 100000, 2, 3, "t")
                    .int32(prog)
                    .int32(vers)
                    .int32(prot)
                    .int32(0);
            OncRpc.writeRecord(s.getOutputStream(), o.bytes());
            return OncRpc.results(OncRpc.readRecord(new java.io.DataInputStream(s.getInputStream())), 5)
                    .int32();
        }
    }

    @Test
    void grantedMsgCallback_listenerActivity_replyAndGrantedResBeforeTheCallCountsAsConsumed() throws Exception {
        listener.close(); // frees the callback program's mapping for a listener that reports
        List<String> seen = new CopyOnWriteArrayList<>();
        ClientActivity recorder = new ClientActivity() {
            @Override
            public void wrote(java.net.InetSocketAddress local, int n) {
                seen.add("wrote " + local.getPort());
            }

            @Override
            public void consumed(java.net.InetSocketAddress local, int n) {
                seen.add("consumed " + local.getPort());
            }

            @Override
            public void blocking(java.util.concurrent.Future<?> awaited) {
                seen.add("blocking");
            }

            @Override
            public void unblocked() {
                seen.add("unblocked");
            }
        };
        listener = NlmCallbackListener.start(NlmCallbackListener.CALLBACK_PROGRAM, recorder, 1);
        listener.registerWith(ep.portmap());
        listener.serverNlm(ep.nlm());
        try (NlmClient b2 = NlmClient.connect(ep.nlm(), "hostB", listener, Duration.ofSeconds(10))) {
            NlmLockSpec la = lockOf(1, "hostA", 0, 10);
            NlmLockSpec lb = lockOf(2, "hostB", 0, 10);
            assertThat(a.lock(la, true, false)).isEqualTo(NlmStat.GRANTED);
            b2.lockMsg(lb, true, true).get(5, java.util.concurrent.TimeUnit.SECONDS);
            CompletableFuture<NlmCallback> g = b2.granted(lb, true);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("consumed " + listener.port()));
            seen.clear();
            a.unlock(la);
            String port = Integer.toString(listener.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("consumed " + port));
            assertThat(g).isDone();
            // GRANTED_MSG: void reply written, GRANTED_RES sent (its own connection), then the call's
            // bytes count as consumed: nothing the call caused is still to come
            assertThat(seen).hasSize(6);
            assertThat(seen.get(0)).isEqualTo("wrote " + port);
            assertThat(seen.get(1)).startsWith("wrote ").isNotEqualTo("wrote " + port);
            assertThat(seen.subList(2, 4)).containsExactly("blocking", "unblocked");
            assertThat(seen.get(4)).isEqualTo("consumed " + seen.get(1).substring("wrote ".length()));
            assertThat(seen.get(5)).isEqualTo("consumed " + port);
            assertThat(listener.grantedResSent()).containsExactly(NlmStat.GRANTED);
        }
    }

    @Test
    void nsmStat_oddState() throws Exception {
        int s = a.nsmState();
        assertThat(s % 2).isEqualTo(1);
        a.ping();
    }
}
