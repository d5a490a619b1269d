package io.interlock.server.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.nsm.NsmState;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NLM procedures on the real in-memory store and lock manager, with a virtual clock (no sockets). */
class Nlm4HandlerTest {
    private final VirtualServerClock clock = new VirtualServerClock();
    private final LockManager locks = new LockManager(clock, LockManagerConfig.defaults(), new FaultPoints());
    private final ShareRegistry shares = new ShareRegistry();
    private final MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock());
    private NlmService service;
    private RpcProgram nlm;
    private RpcProgram nsm;
    private FileId file;
    private byte[] fh;

    private void start(Duration grace) throws Exception {
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        service = new NlmService(NlmConfig.defaults().withGrace(grace), shares, locks, clock, Runnable::run);
        nlm = service.programs().get(0);
        nsm = service.programs().get(1);
        file = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), file).encode();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private XdrReader call(RpcProgram p, int proc, XdrEncodable args) {
        XdrWriter w = new XdrWriter();
        args.encode(w);
        RpcRequest req = new RpcRequest(
                1,
                p.program(),
                p.highVersion(),
                proc,
                RpcCredential.None.INSTANCE,
                new XdrReader(w.toByteArray()),
                new InetSocketAddress("127.0.0.1", 9));
        XdrWriter out = new XdrWriter();
        p.procedure(p.highVersion(), proc).call(req).join().encode(out);
        return new XdrReader(out.toByteArray());
    }

    private Nlm4Lock alock(String caller, int svid, long off, long len) {
        return new Nlm4Lock(caller, fh, new byte[] {(byte) svid}, svid, off, len);
    }

    private Nlm4Stats lock(Nlm4Lock l, boolean excl, boolean block, boolean reclaim) {
        return Nlm4Res.decode(call(nlm, 2, new Nlm4LockArgs(new byte[] {1}, block, excl, l, reclaim, 1)::encode))
                .stat();
    }

    private Nlm4TestRes test(Nlm4Lock l, boolean excl) {
        return Nlm4TestRes.decode(call(nlm, 1, new Nlm4TestArgs(new byte[] {2}, excl, l)::encode));
    }

    @Test
    void lock_duringGrace_onlyReclaim_thenNormalAfterVirtualTimePasses() throws Exception {
        start(Duration.ofSeconds(90));
        assertThat(lock(alock("a", 1, 0, 10), true, false, false)).isEqualTo(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD);
        assertThat(lock(alock("a", 1, 0, 10), true, false, true)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(test(alock("b", 2, 0, 1), false).reply().stat()).isEqualTo(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD);
        clock.advance(Duration.ofSeconds(89));
        assertThat(lock(alock("b", 2, 50, 10), true, false, false)).isEqualTo(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD);
        clock.advance(Duration.ofSeconds(2));
        assertThat(lock(alock("b", 2, 50, 10), true, false, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(lock(alock("b", 2, 70, 10), true, false, true)).isEqualTo(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD);
    }

    @Test
    void lock_sharedTableWithSmb_conflictsBothWays() throws Exception {
        start(Duration.ZERO);
        LockOwner smb = new LockOwner("smb", "5:1");
        assertThat(locks.lock(file, smb, ByteRange.of(0, 10), true).granted()).isTrue();
        assertThat(lock(alock("a", 1, 5, 1), false, false, false)).isEqualTo(Nlm4Stats.NLM4_DENIED);
        Nlm4TestRes t = test(alock("a", 1, 5, 1), false);
        assertThat(t.reply()).isInstanceOfSatisfying(Nlm4TestRes.Denied.class, d -> {
            assertThat(d.holder().svid()).isZero();
            assertThat(d.holder().oh()).isEmpty();
            assertThat(d.holder().length()).isEqualTo(10);
        });
        assertThat(lock(alock("a", 1, 10, 5), true, false, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(locks.lock(file, smb, ByteRange.of(12, 1), false).granted()).isFalse();
    }

    @Test
    void lock_cancelledWhileWaitingForLeaseBreak_insertsNoLockAndLeavesLease() throws Exception {
        start(Duration.ZERO);
        io.interlock.server.core.lock.LeaseKey key =
                new io.interlock.server.core.lock.LeaseKey(java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        java.util.List<Integer> breaks = new java.util.ArrayList<>();
        locks.requestLease(new io.interlock.server.core.lock.LeaseRequest(
                file, key, io.interlock.server.core.lock.LeaseState.RWH, 2, 0, false, n -> breaks.add(n.newState())));
        Nlm4Lock l = alock("a", 1, 0, 10);
        XdrWriter w = new XdrWriter();
        new Nlm4LockArgs(new byte[] {1}, true, true, l, false, 1).encode(w);
        var pending = nlm.procedure(4, 2)
                .call(new RpcRequest(
                        1,
                        100021,
                        4,
                        2,
                        RpcCredential.None.INSTANCE,
                        new XdrReader(w.toByteArray()),
                        new InetSocketAddress("127.0.0.1", 9)));
        assertThat(pending).isNotDone(); // waiting for the lease holder, the lane is free
        assertThat(breaks).hasSize(1);
        Nlm4Stats c = Nlm4Res.decode(call(nlm, 3, new Nlm4CancArgs(new byte[0], true, true, l)::encode))
                .stat();
        assertThat(c).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        clock.advance(Duration.ofSeconds(5)); // NLM's bounded lease wait (R-XP-8) ends
        XdrWriter out = new XdrWriter();
        pending.join().encode(out);
        assertThat(Nlm4Res.decode(new XdrReader(out.toByteArray())).stat()).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(locks.locksOn(file)).isEmpty();
        assertThat(service.blockedRequests()).isZero();
        // the lease was not forced (its own 35 s break timer has not run out)
        assertThat(locks.lease(key).orElseThrow().breaking()).isTrue();
    }

    private XdrReader callFrom(RpcProgram p, int proc, String host, XdrEncodable args) {
        XdrWriter w = new XdrWriter();
        args.encode(w);
        RpcRequest req = new RpcRequest(
                1,
                p.program(),
                p.highVersion(),
                proc,
                RpcCredential.None.INSTANCE,
                new XdrReader(w.toByteArray()),
                new InetSocketAddress(host, 700));
        XdrWriter out = new XdrWriter();
        p.procedure(p.highVersion(), proc).call(req).join().encode(out);
        return new XdrReader(out.toByteArray());
    }

    private Nlm4Stats lockFrom(String host, Nlm4Lock l, boolean block) {
        return Nlm4Res.decode(
                        callFrom(nlm, 2, host, new Nlm4LockArgs(new byte[] {1}, block, true, l, false, 1)::encode))
                .stat();
    }

    @Test
    void unlockAndCancel_fromAnotherHost_areIgnoredButGranted_lockFromThereDenied_untilReleased() throws Exception {
        start(Duration.ZERO);
        Nlm4Lock a = alock("a", 1, 0, 10);
        assertThat(lockFrom("127.0.0.1", a, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(service.pinnedOwners()).isEqualTo(1);
        // another host names a's owner: nothing released, answer GRANTED (XNFS: nothing it holds)
        Nlm4Stats u = Nlm4Res.decode(callFrom(nlm, 4, "127.0.0.2", new Nlm4UnlockArgs(new byte[0], a)::encode))
                .stat();
        assertThat(u).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(locks.locksOn(file)).hasSize(1);
        assertThat(lockFrom("127.0.0.2", alock("a", 1, 50, 10), false))
                .as("the owner belongs to 127.0.0.1")
                .isEqualTo(Nlm4Stats.NLM4_DENIED);
        // a blocked request of b cannot be cancelled from elsewhere either
        Nlm4Lock b = alock("b", 2, 0, 10);
        assertThat(lockFrom("127.0.0.1", b, true)).isEqualTo(Nlm4Stats.NLM4_BLOCKED);
        Nlm4Stats c = Nlm4Res.decode(
                        callFrom(nlm, 3, "127.0.0.2", new Nlm4CancArgs(new byte[0], true, true, b)::encode))
                .stat();
        assertThat(c).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(locks.queuedLocks(file)).isEqualTo(1);
        // the owner's own host may: b is cancelled, a unlocked, and both owners are unpinned
        callFrom(nlm, 3, "127.0.0.1", new Nlm4CancArgs(new byte[0], true, true, b)::encode);
        assertThat(locks.queuedLocks(file)).isZero();
        callFrom(nlm, 4, "127.0.0.1", new Nlm4UnlockArgs(new byte[0], a)::encode);
        assertThat(locks.locksOn(file)).isEmpty();
        assertThat(service.pinnedOwners()).isZero();
        assertThat(lockFrom("127.0.0.2", a, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        // FREE_ALL (the client restarted) drops locks and pins alike
        call(nlm, 23, new Nlm4Notify("a", 9)::encode);
        assertThat(service.pinnedOwners()).isZero();
        assertThat(lockFrom("127.0.0.1", a, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
    }

    /** A lease holder whose notifier records breaks and never acknowledges. */
    private io.interlock.server.core.lock.LeaseKey silentLease(java.util.List<Integer> breaks) {
        io.interlock.server.core.lock.LeaseKey key =
                new io.interlock.server.core.lock.LeaseKey(java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        locks.requestLease(new io.interlock.server.core.lock.LeaseRequest(
                file, key, io.interlock.server.core.lock.LeaseState.RWH, 2, 0, false, n -> breaks.add(n.newState())));
        return key;
    }

    private java.util.concurrent.CompletableFuture<XdrEncodable> lockAsync(Nlm4Lock l, boolean block) {
        XdrWriter w = new XdrWriter();
        new Nlm4LockArgs(new byte[] {4, 2}, block, true, l, false, 1).encode(w);
        return nlm.procedure(4, 2)
                .call(new RpcRequest(
                        1,
                        100021,
                        4,
                        2,
                        RpcCredential.None.INSTANCE,
                        new XdrReader(w.toByteArray()),
                        new InetSocketAddress("127.0.0.1", 9)));
    }

    private static byte[] bytes(XdrEncodable e) {
        XdrWriter out = new XdrWriter();
        e.encode(out);
        return out.toByteArray();
    }

    @Test
    void lock_nonBlocking_leaseNeverAcked_denyUnbrokenLease_deniedWithoutHolder_andTakesNothing() throws Exception {
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        service = new NlmService(
                NlmConfig.defaults().withGrace(Duration.ZERO).withDenyUnbrokenLease(true),
                shares,
                locks,
                clock,
                Runnable::run);
        nlm = service.programs().get(0);
        file = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), file).encode();
        java.util.List<Integer> breaks = new java.util.ArrayList<>();
        var key = silentLease(breaks);
        var pending = lockAsync(alock("a", 1, 0, 10), false);
        assertThat(pending).isNotDone();
        assertThat(breaks).hasSize(1); // the break went out, nobody acknowledges
        clock.advance(Duration.ofSeconds(5)); // the bounded wait (R-XP-8) ends
        byte[] reply = bytes(pending.join());
        // nlm4_res is cookie + stat only: no holder field in a LOCK reply (R-XP-9)
        assertThat(reply).hasSize(4 + 4 + 4);
        Nlm4Res r = Nlm4Res.decode(new XdrReader(reply));
        assertThat(r.stat()).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(r.cookie()).containsExactly(4, 2);
        assertThat(locks.locksOn(file)).isEmpty();
        assertThat(locks.lease(key).orElseThrow().breaking())
                .as("the break goes on")
                .isTrue();

        // a blocking LOCK is not refused for the lease: it proceeds after the wait
        var blocking = lockAsync(alock("b", 2, 0, 10), true);
        clock.advance(Duration.ofSeconds(5));
        assertThat(Nlm4Res.decode(new XdrReader(bytes(blocking.join()))).stat()).isEqualTo(Nlm4Stats.NLM4_GRANTED);
    }

    @Test
    void lock_nonBlocking_breakForcedByLockManagerTimer_isDenied_ackedBreak_isGranted() throws Exception {
        LockManager quick = new LockManager(clock, new LockManagerConfig(Duration.ofSeconds(1)), new FaultPoints());
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        service = new NlmService(
                NlmConfig.defaults().withGrace(Duration.ZERO).withDenyUnbrokenLease(true),
                shares,
                quick,
                clock,
                Runnable::run);
        nlm = service.programs().get(0);
        file = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), file).encode();
        io.interlock.server.core.lock.LeaseKey key =
                new io.interlock.server.core.lock.LeaseKey(java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        java.util.List<Integer> breaks = new java.util.ArrayList<>();
        quick.requestLease(new io.interlock.server.core.lock.LeaseRequest(
                file, key, io.interlock.server.core.lock.LeaseState.RWH, 2, 0, false, n -> breaks.add(n.newState())));
        var pending = lockAsync(alock("a", 1, 0, 10), false);
        clock.advance(Duration.ofSeconds(1)); // the manager forces the lease to NONE: timedOut = 1
        assertThat(Nlm4Res.decode(new XdrReader(bytes(pending.join()))).stat()).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(quick.locksOn(file)).isEmpty();

        // a holder that acknowledges in time: the lock is granted
        io.interlock.server.core.lock.LeaseKey polite =
                new io.interlock.server.core.lock.LeaseKey(java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        quick.requestLease(new io.interlock.server.core.lock.LeaseRequest(
                file, polite, io.interlock.server.core.lock.LeaseState.RWH, 2, 0, false, n -> {}));
        var next = lockAsync(alock("a", 1, 0, 10), false);
        assertThat(next).isNotDone();
        quick.acknowledge(polite, io.interlock.server.core.lock.LeaseState.NONE);
        assertThat(Nlm4Res.decode(new XdrReader(bytes(next.join()))).stat()).isEqualTo(Nlm4Stats.NLM4_GRANTED);
    }

    @Test
    void lock_nonBlocking_leaseNeverAcked_defaultSetting_proceedsAfterTheWaitWithLeaseForcedToNone() throws Exception {
        start(Duration.ZERO);
        var key = silentLease(new java.util.ArrayList<>());
        var pending = lockAsync(alock("a", 1, 0, 10), false);
        clock.advance(Duration.ofSeconds(4));
        assertThat(pending).isNotDone();
        clock.advance(Duration.ofSeconds(1));
        assertThat(Nlm4Res.decode(new XdrReader(bytes(pending.join()))).stat()).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        // R-XP-8: on the NLM bound the lease is forced to NONE, not left breaking until its 35 s timer
        var lease = locks.lease(key).orElseThrow();
        assertThat(lease.breaking()).isFalse();
        assertThat(lease.state()).isEqualTo(io.interlock.server.core.lock.LeaseState.NONE);
    }

    @Test
    void lock_leaseGrantedWhileItWaited_boundReached_thatLeaseBrokenAndForcedToNoneToo() throws Exception {
        // explore (seed 8 run 856): an RH lease of another key, granted while the LOCK waited for the
        // first holder, was neither broken nor forced at the bound: GRANTED beside an R lease
        start(Duration.ZERO);
        silentLease(new java.util.ArrayList<>());
        var pending = lockAsync(alock("a", 1, 0, 10), false);
        java.util.List<Integer> lateBreaks = new java.util.concurrent.CopyOnWriteArrayList<>();
        var late = new io.interlock.server.core.lock.LeaseKey(java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        assertThat(locks.requestLease(new io.interlock.server.core.lock.LeaseRequest(
                                file,
                                late,
                                io.interlock.server.core.lock.LeaseState.RWH,
                                2,
                                0,
                                false,
                                n -> lateBreaks.add(n.newState())))
                        .state())
                .isEqualTo(io.interlock.server.core.lock.LeaseState.RH);
        clock.advance(Duration.ofSeconds(5));
        assertThat(Nlm4Res.decode(new XdrReader(bytes(pending.join()))).stat()).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        // R-XP-8: every other-owner lease holding R is broken to NONE, and on the bound forced there
        assertThat(lateBreaks).containsExactly(io.interlock.server.core.lock.LeaseState.NONE);
        assertThat(locks.lease(late).orElseThrow().state()).isEqualTo(io.interlock.server.core.lock.LeaseState.NONE);
    }

    @Test
    void lock_leaseGrantedWhileItWaited_firstHolderAcks_waitsForTheNewHolderToo() throws Exception {
        start(Duration.ZERO);
        var first = silentLease(new java.util.ArrayList<>());
        var pending = lockAsync(alock("a", 1, 0, 10), false);
        java.util.List<Integer> lateBreaks = new java.util.concurrent.CopyOnWriteArrayList<>();
        var late = new io.interlock.server.core.lock.LeaseKey(java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
        locks.requestLease(new io.interlock.server.core.lock.LeaseRequest(
                file,
                late,
                io.interlock.server.core.lock.LeaseState.RH,
                2,
                0,
                false,
                n -> lateBreaks.add(n.newState())));
        locks.acknowledge(first, io.interlock.server.core.lock.LeaseState.NONE);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lateBreaks.size() == 1);
        assertThat(pending).isNotDone();
        locks.acknowledge(late, io.interlock.server.core.lock.LeaseState.NONE);
        assertThat(Nlm4Res.decode(new XdrReader(bytes(pending.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                                .join())))
                        .stat())
                .isEqualTo(Nlm4Stats.NLM4_GRANTED);
    }

    @Test
    void nmLock_neverBlocks() throws Exception {
        start(Duration.ZERO);
        assertThat(lock(alock("a", 1, 0, 10), true, false, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        Nlm4Stats s = Nlm4Res.decode(
                        call(nlm, 22, new Nlm4LockArgs(new byte[0], true, true, alock("b", 2, 0, 1), false, 1)::encode))
                .stat();
        assertThat(s).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(service.blockedRequests()).isZero();
    }

    @Test
    void blockedThenCancelled_tableEmpty_andFreeAllDrainsWaiters() throws Exception {
        start(Duration.ZERO);
        assertThat(lock(alock("a", 1, 0, 10), true, false, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(lock(alock("b", 2, 0, 10), true, true, false)).isEqualTo(Nlm4Stats.NLM4_BLOCKED);
        assertThat(lock(alock("c", 3, 0, 10), true, true, false)).isEqualTo(Nlm4Stats.NLM4_BLOCKED);
        assertThat(service.blockedRequests()).isEqualTo(2);
        assertThat(locks.queuedLocks(file)).isEqualTo(2);
        Nlm4Stats cancelled = Nlm4Res.decode(
                        call(nlm, 3, new Nlm4CancArgs(new byte[0], true, true, alock("b", 2, 0, 10))::encode))
                .stat();
        assertThat(cancelled).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        assertThat(locks.queuedLocks(file)).isEqualTo(1);
        call(nlm, 23, new Nlm4Notify("c", 7)::encode);
        assertThat(locks.queuedLocks(file)).isZero();
        assertThat(service.blockedRequests()).isZero();
        // a still holds its lock: FREE_ALL(c) touched only c
        assertThat(locks.locksOn(file)).hasSize(1);
    }

    @Test
    void staleAndForeignHandles_staleFh_overflow_fbig() throws Exception {
        start(Duration.ZERO);
        Nlm4Lock foreign = new Nlm4Lock("a", new byte[20], new byte[0], 1, 0, 1);
        assertThat(lock(foreign, true, false, false)).isEqualTo(Nlm4Stats.NLM4_STALE_FH);
        byte[] otherShare = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("gone"), file).encode();
        assertThat(lock(new Nlm4Lock("a", otherShare, new byte[0], 1, 0, 1), true, false, false))
                .isEqualTo(Nlm4Stats.NLM4_STALE_FH);
        assertThat(lock(alock("a", 1, -1L, 2), true, false, false)).isEqualTo(Nlm4Stats.NLM4_FBIG);
        assertThat(lock(alock("a", 1, -1L, 1), true, false, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        fs.remove(fs.root(), "f");
        assertThat(test(alock("a", 1, 0, 1), true).reply().stat()).isEqualTo(Nlm4Stats.NLM4_STALE_FH);
    }

    @Test
    void garbageArgs_throwXdrException_shareNotSupported_incomingGrantedDenied() throws Exception {
        start(Duration.ZERO);
        assertThatThrownBy(() -> call(nlm, 2, w -> w.writeInt(5))).isInstanceOf(XdrException.class);
        XdrReader share = call(nlm, 20, w -> {
            w.writeOpaque(new byte[] {7}).writeString("a").writeOpaque(fh).writeOpaque(new byte[0]);
            w.writeInt(0).writeInt(3).writeBoolean(false);
        });
        assertThat(share.readOpaque(1024)).containsExactly(7);
        assertThat(share.readInt()).isEqualTo(Nlm4Stats.NLM4_FAILED.code());
        Nlm4Res g = Nlm4Res.decode(call(nlm, 5, new Nlm4TestArgs(new byte[0], true, alock("a", 1, 0, 1))::encode));
        assertThat(g.stat()).isEqualTo(Nlm4Stats.NLM4_DENIED);
        assertThat(nlm.procedure(4, 16)).isNull();
    }

    @Test
    void nsm_statIsOdd_monAndNotifyReleaseLocks() throws Exception {
        start(Duration.ZERO);
        XdrReader st = call(nsm, 1, w -> w.writeString("client"));
        assertThat(st.readInt()).isZero();
        assertThat(st.readInt() % 2).isEqualTo(1);
        XdrReader mon = call(nsm, 2, w -> {
            w.writeString("peer").writeString("me").writeInt(100021).writeInt(4).writeInt(16);
            w.writeFixedOpaque(new byte[16]);
        });
        assertThat(mon.readInt()).isZero();
        assertThat(lock(alock("peer", 1, 0, 10), true, false, false)).isEqualTo(Nlm4Stats.NLM4_GRANTED);
        call(nsm, 6, w -> w.writeString("peer").writeInt(4));
        assertThat(locks.locksOn(file)).isEmpty();
    }

    @Test
    void nsmState_withFile_oddAndIncreasingAcrossRestarts(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nsm-state");
        int first = NsmState.start(f, Instant.now()).value();
        int second = NsmState.start(f, Instant.now()).value();
        assertThat(first % 2).isEqualTo(1);
        assertThat(second % 2).isEqualTo(1);
        assertThat(second).isGreaterThan(first);
        assertThat(Files.readString(f)).isEqualTo(Integer.toString(second));
        int t1 = NsmState.start(null, Instant.parse("2025-01-01T00:00:00Z")).value();
        int t2 = NsmState.start(null, Instant.parse("2025-01-01T00:00:01Z")).value();
        assertThat(t1 % 2).isEqualTo(1);
        assertThat(t2).isGreaterThan(t1);
    }
}
