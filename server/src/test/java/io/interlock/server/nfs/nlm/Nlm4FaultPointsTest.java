package io.interlock.server.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.lock.AckResult;
import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NLM-side fault points against the real NLM handlers, in-memory store and lock manager (no
 * sockets, virtual clock). The SMB side is what its adapter puts in the shared lock manager: a lease
 * behind a recording notifier, or a byte-range lock of an "smb" owner. Each test runs with the
 * fault off (correct) and on (the bug). No blocking request is ever granted here, so no GRANTED
 * callback (and no portmapper) is involved.
 */
class Nlm4FaultPointsTest {
    private final VirtualServerClock clock = new VirtualServerClock();
    private final FaultPoints faults = new FaultPoints();
    private final LockManager locks = new LockManager(clock, LockManagerConfig.defaults(), faults);
    private final ShareRegistry shares = new ShareRegistry();
    private final MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock());
    private final List<LeaseBreakNotice> notices = new CopyOnWriteArrayList<>();
    private NlmService service;
    private RpcProgram nlm;
    private byte[] fh;
    private FileId file;

    @BeforeEach
    void start() throws Exception {
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        service = new NlmService(
                NlmConfig.defaults().withGrace(Duration.ZERO), shares, locks, clock, Runnable::run, faults);
        nlm = service.programs().get(0);
        file = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), file).encode();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private CompletableFuture<XdrEncodable> start(int proc, XdrEncodable args) {
        XdrWriter w = new XdrWriter();
        args.encode(w);
        RpcRequest req = new RpcRequest(
                1,
                nlm.program(),
                nlm.highVersion(),
                proc,
                RpcCredential.None.INSTANCE,
                new XdrReader(w.toByteArray()),
                new InetSocketAddress("127.0.0.1", 9));
        return nlm.procedure(nlm.highVersion(), proc).call(req);
    }

    private static XdrReader reply(CompletableFuture<XdrEncodable> f) {
        XdrWriter out = new XdrWriter();
        f.orTimeout(10, TimeUnit.SECONDS).join().encode(out);
        return new XdrReader(out.toByteArray());
    }

    private Nlm4Lock alock(String caller, int svid, long off, long len) {
        return new Nlm4Lock(caller, fh, new byte[] {(byte) svid}, svid, off, len);
    }

    private CompletableFuture<XdrEncodable> startLock(Nlm4Lock l) {
        return start(2, new Nlm4LockArgs(new byte[] {1}, false, true, l, false, 1)::encode);
    }

    private Nlm4Stats lock(Nlm4Lock l) {
        return Nlm4Res.decode(reply(startLock(l))).stat();
    }

    private Nlm4Stats unlock(Nlm4Lock l) {
        return Nlm4Res.decode(reply(start(4, new Nlm4UnlockArgs(new byte[0], l)::encode)))
                .stat();
    }

    private Nlm4Stats test(Nlm4Lock l) {
        return Nlm4TestRes.decode(reply(start(1, new Nlm4TestArgs(new byte[] {2}, true, l)::encode)))
                .reply()
                .stat();
    }

    private LeaseKey smbLease(int state) {
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(file, key, state, 2, 0, false, notices::add));
        assertThat(locks.lease(key).orElseThrow().state()).isEqualTo(state);
        return key;
    }

    // ---- NLM_LOCK_IGNORES_LEASES (R-XP-8)

    @Test
    void lock_smbHoldsRwh_breaksAndWaitsForAck_withNlmLockIgnoresLeases_grantedAtOnceLeaseKept() {
        LeaseKey a = smbLease(LeaseState.RWH);
        CompletableFuture<XdrEncodable> pending = startLock(alock("n", 1, 0, 10));
        assertThat(pending)
                .as("held until the SMB holder flushed and acknowledged")
                .isNotDone();
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.key()).isEqualTo(a);
            assertThat(n.newState()).isEqualTo(LeaseState.NONE);
        });
        assertThat(locks.acknowledge(a, LeaseState.NONE)).isEqualTo(AckResult.OK);
        assertThat(Nlm4Res.decode(reply(pending)).stat()).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(unlock(alock("n", 1, 0, 10))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        locks.releaseLeaseOpen(a);
        notices.clear();

        faults.enable(Fault.NLM_LOCK_IGNORES_LEASES);
        LeaseKey b = smbLease(LeaseState.RWH);
        assertThat(lock(alock("n", 1, 0, 10))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(notices).as("the SMB client is never told").isEmpty();
        assertThat(locks.lease(b).orElseThrow().state())
                .as("it keeps caching writes under the NLM lock")
                .isEqualTo(LeaseState.RWH);
    }

    // ---- SEPARATE_LOCK_TABLES (R-XP-10)

    @Test
    void testAndLock_overSmbExclusiveLock_denied_withSeparateLockTables_granted() {
        LockOwner smb = new LockOwner("smb", "7");
        assertThat(locks.lock(file, smb, ByteRange.of(0, 10), true).granted()).isTrue();
        assertThat(test(alock("n", 1, 5, 1))).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(lock(alock("n", 1, 5, 1))).isEqualTo(Nlm4Stats.NLM4_DENIED);

        faults.enable(Fault.SEPARATE_LOCK_TABLES);
        assertThat(test(alock("n", 1, 5, 1))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(lock(alock("n", 1, 5, 1))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(locks.locksOn(file))
                .as("two exclusive locks over byte 5")
                .hasSize(2)
                .allSatisfy(
                        l -> assertThat(l.range().contains(ByteRange.of(5, 1))).isTrue());
        // within one protocol locks still conflict
        assertThat(lock(alock("m", 2, 5, 1))).isEqualTo(Nlm4Stats.NLM4_DENIED);
    }

    // ---- UNLOCK_NO_SPLIT (R-NLM-7)

    @Test
    void unlockMiddle_splitsTheLock_withUnlockNoSplit_dropsItWhole() {
        assertThat(lock(alock("a", 1, 0, 100))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(unlock(alock("a", 1, 40, 20))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(test(alock("b", 2, 45, 5))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(test(alock("b", 2, 10, 10))).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(test(alock("b", 2, 70, 10))).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(unlock(alock("a", 1, 0, 100))).isEqualTo(Nlm4Stats.NLM4_GRANTED);

        faults.enable(Fault.UNLOCK_NO_SPLIT);
        assertThat(lock(alock("a", 1, 0, 100))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(unlock(alock("a", 1, 40, 20))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(test(alock("b", 2, 10, 10))).as("[0,40) is no longer locked").isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(lock(alock("b", 2, 70, 10))).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(locks.locksOn(file))
                .as("only b's lock is left: a's outer parts were dropped")
                .singleElement()
                .satisfies(l -> assertThat(l.range()).isEqualTo(ByteRange.of(70, 10)));
    }
}
