package io.interlock.suite.suites;

import static io.interlock.suite.smb.Lease.R;
import static io.interlock.suite.smb.Lease.RH;
import static io.interlock.suite.smb.Lease.RW;
import static io.interlock.suite.smb.Lease.RWH;
import static io.interlock.suite.smb.SmbAssert.EVENT;
import static io.interlock.suite.smb.SmbAssert.assertLease;
import static io.interlock.suite.smb.SmbAssert.assertNoBreak;
import static io.interlock.suite.smb.SmbAssert.assertOplock;
import static io.interlock.suite.smb.SmbAssert.assertStatus;
import static io.interlock.suite.smb.SmbAssert.expectLeaseBreak;
import static io.interlock.suite.smb.SmbAssert.lease;
import static io.interlock.suite.smb.SmbAssert.oplock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.nfs.Nfs3Status;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateHow;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Sattr;
import io.interlock.scenarios.clients.nlm.NlmCallback;
import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;
import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.suite.Requirement;
import io.interlock.suite.Settings;
import io.interlock.suite.SuiteClock;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteEnvironment;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.nfs.Nfs3Raw;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.rpc.RpcReply;
import io.interlock.suite.smb.Lease;
import io.interlock.suite.smb.LeaseBreak;
import io.interlock.suite.smb.Smb2Client;
import io.interlock.suite.smb.Smb2Create;
import io.interlock.suite.smb.Smb2Open;
import io.interlock.suite.smb.Smb2Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NFSv3 and NLM against SMB leases, oplocks and byte-range locks on the same files (catalog
 * nfs3-nlm-crossproto.md §4 and §6, R-XP-1..15; smb2-leases-oplocks.md §2.9, R-SMB-80..85). SMB is
 * the suites' raw SMB2 client, NFS the raw NFSv3 client, NLM the engine's NLM client; the target
 * must serve one namespace over both protocols. Under the WAIT break policy an NFS operation is held
 * until the SMB holder acknowledges, so NFS calls run on the test's own threads.
 */
@ExtendWith(SuiteExtension.class)
public final class CrossProtocolSuite {
    private static final Duration BREAK_TIMEOUT = Duration.ofSeconds(35);
    private static final Duration NLM_BREAK_WAIT = Duration.ofSeconds(5);

    private static UUID key() {
        return SuiteContext.key();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A file created over SMB with {@code content}; returns nothing (open and closed again). */
    private static void smbFile(Smb2Client c, String path, String content) throws Exception {
        Smb2Open o = c.create(Smb2Create.file(path));
        c.write(o.fileId(), 0, utf8(content));
        c.close(o.fileId());
    }

    private static byte[] fh(Nfs3Raw n, String path) throws Exception {
        var r = n.lookup(n.root(), path);
        Nfs3Raw.ok(r.status(), "LOOKUP " + path);
        return r.object();
    }

    /** Time (nanoTime) at which an async NFS call returned, with its result. */
    record Timed<T>(T value, long at) {}

    private static <T> CompletableFuture<Timed<T>> timed(SuiteContext ctx, java.util.concurrent.Callable<T> call) {
        return ctx.async(() -> {
            T v = call.call();
            return new Timed<>(v, System.nanoTime());
        });
    }

    private static <T> T get(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(EVENT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new org.opentest4j.AssertionFailedError(what + " did not complete within " + EVENT);
        }
    }

    private static void assertNfs(Nfs3Status expected, int actual, String what) {
        assertEquals(expected.name(), Nfs3Status.nameOf(actual), what);
    }

    // =============================================================================================
    // R-XP-1..7: NFS data and namespace operations break SMB leases

    @Test
    @Requirement({"R-XP-1", "R-SMB-80", "R-XP-7"})
    void nfsWrite_rwhLease_breakToNoneBeforeTheReplyThenDataVisible(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        Smb2Open oa = lease(a, f, k, RWH);
        a.write(oa.fileId(), 0, utf8("smb"));
        Nfs3Raw n = ctx.nfsRaw("B");
        byte[] fh = fh(n, f);
        var w = timed(ctx, () -> n.write(fh, 0, utf8("nfs"), Nfs3Raw.FILE_SYNC));
        LeaseBreak lb = expectLeaseBreak(a, k, RWH, 0);
        assertTrue(lb.ackRequired(), "ACK_REQUIRED");
        SuiteClock.watchReal(
                SuiteClock.QUIET, w::isDone, "the NFS WRITE must wait for the W holder's ack (WAIT policy)");
        long ackAt = System.nanoTime();
        a.leaseAck(k, 0);
        Timed<io.interlock.scenarios.clients.nfs.wire.Nfs3WriteRes> res = get(w, "the NFS WRITE after the ack");
        assertNfs(Nfs3Status.NFS3_OK, res.value().status(), "the NFS WRITE succeeds");
        assertTrue(lb.message().receivedNanos() <= res.at(), "the break arrived before the NFS WRITE reply");
        assertTrue(res.at() >= ackAt, "the reply came after the ack");
        assertEquals("nfs", new String(n.read(fh, 0, 100).data(), StandardCharsets.UTF_8), "NFS reads NFS's write");
        assertEquals("nfs", new String(a.read(oa.fileId(), 0, 100), StandardCharsets.UTF_8), "SMB reads NFS's write");
    }

    @Test
    @Requirement({"R-XP-2", "R-SMB-80"})
    void nfsWrite_rAndRhLeases_brokenToNoneAndHOnlyRequestUntouched(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID kr = key();
        UUID krh = key();
        Smb2Client a = ctx.smb("A");
        Smb2Client b = ctx.smb("B");
        Smb2Client c = ctx.smb("C");
        smbFile(a, f, "0123");
        lease(a, f, kr, R);
        lease(b, f, krh, RH);
        Smb2Open none = lease(c, f, key(), Lease.H);
        assertLease(0, none.leaseState(), "an H-only request is granted nothing");
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        var w = timed(ctx, () -> n.write(fh, 0, utf8("x"), Nfs3Raw.FILE_SYNC));
        LeaseBreak r = expectLeaseBreak(a, kr, R, 0);
        assertFalse(r.ackRequired(), "R→NONE needs no ack");
        LeaseBreak rh = expectLeaseBreak(b, krh, RH, 0);
        b.leaseAck(krh, 0);
        assertNfs(Nfs3Status.NFS3_OK, get(w, "NFS WRITE").value().status(), "NFS WRITE");
        assertTrue(rh.ackRequired(), "RH→NONE requires an ack");
        assertNoBreak(c, "a lease with no R and no W is not broken");
    }

    @Test
    @Requirement({"R-XP-3", "R-SMB-81"})
    void nfsRead_writeCachingLeases_stripOnlyWAndWait(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "data");
        lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        var r = timed(ctx, () -> n.read(fh, 0, 100));
        expectLeaseBreak(a, k, RWH, RH);
        SuiteClock.watchReal(SuiteClock.QUIET, r::isDone, "the NFS READ must wait for the W holder to flush");
        a.leaseAck(k, RH);
        assertNfs(Nfs3Status.NFS3_OK, get(r, "NFS READ").value().status(), "NFS READ");
        String g = ctx.name("g");
        UUID k2 = key();
        smbFile(a, g, "data");
        lease(a, g, k2, RW);
        byte[] gh = fh(n, g);
        var r2 = timed(ctx, () -> n.read(gh, 0, 100));
        expectLeaseBreak(a, k2, RW, R);
        a.leaseAck(k2, R);
        get(r2, "NFS READ of g");
    }

    @Test
    @Requirement({"R-XP-3", "R-SMB-81"})
    void nfsRead_rAndRhLeasesAndBatchOplock_noLeaseBreakAndBatchToII(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Client b = ctx.smb("B");
        smbFile(a, f, "data");
        lease(a, f, key(), R);
        lease(b, f, key(), RH);
        Nfs3Raw n = ctx.nfsRaw("N");
        assertNfs(Nfs3Status.NFS3_OK, n.read(fh(n, f), 0, 10).status(), "NFS READ");
        assertNoBreak(a, "R is not broken by a READ");
        assertNoBreak(b, "RH is not broken by a READ");
        String g = ctx.name("g");
        Smb2Client c = ctx.smb("C");
        smbFile(c, g, "data");
        Smb2Open batch = oplock(c, g, Smb2Create.OPLOCK_BATCH);
        byte[] gh = fh(n, g);
        var r = timed(ctx, () -> n.read(gh, 0, 10));
        assertOplock(Smb2Create.OPLOCK_II, c.awaitOplockBreak(EVENT).level(), "NFS READ breaks BATCH to II");
        c.oplockAck(batch.fileId(), Smb2Create.OPLOCK_II);
        get(r, "NFS READ after the oplock ack");
    }

    @Test
    @Requirement({"R-XP-4", "R-SMB-82"})
    void nfsRemoveAndRename_leasedFiles_brokenToNoneBeforeTheChange(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        String g = ctx.name("g");
        String h = ctx.name("h");
        UUID kf = key();
        UUID kg = key();
        UUID kh = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "f");
        smbFile(a, g, "g");
        smbFile(a, h, "h");
        lease(a, f, kf, RH);
        Nfs3Raw n = ctx.nfsRaw("N");
        var rm = timed(ctx, () -> n.remove(n.root(), f));
        expectLeaseBreak(a, kf, RH, 0);
        SuiteClock.watchReal(SuiteClock.QUIET, rm::isDone, "the REMOVE waits for the H holder (R-SMB-82)");
        a.leaseAck(kf, 0);
        assertNfs(Nfs3Status.NFS3_OK, get(rm, "REMOVE").value().status(), "REMOVE after the ack");
        Smb2Client b = ctx.smb("B");
        lease(b, g, kg, RH);
        lease(b, h, kh, RH);
        var mv = timed(ctx, () -> n.rename(n.root(), g, n.root(), h));
        List<LeaseBreak> breaks = List.of(b.awaitLeaseBreak(EVENT), b.awaitLeaseBreak(EVENT));
        for (LeaseBreak lb : breaks) {
            assertEquals(0, lb.newState(), "RENAME breaks to NONE: " + lb);
            b.leaseAck(lb.key(), 0);
        }
        assertEquals(
                java.util.Set.of(kg, kh),
                java.util.Set.of(breaks.get(0).key(), breaks.get(1).key()),
                "both the source's and the replaced target's leases break");
        assertNfs(Nfs3Status.NFS3_OK, get(mv, "RENAME").value().status(), "RENAME over h");
    }

    @Test
    @Requirement("R-SMB-82")
    void nfsRemove_smbOpenDenyingDelete_accesAfterTheBreak(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "f");
        a.create(Smb2Create.file(f).share(Smb2Create.SHARE_READ | Smb2Create.SHARE_WRITE));
        Nfs3Raw n = ctx.nfsRaw("N");
        int st = n.remove(n.root(), f).status();
        ctx.note("REMOVE", Nfs3Status.nameOf(st));
        assertNfs(
                Nfs3Status.NFS3ERR_ACCES,
                st,
                "REMOVE of a file an SMB open denies DELETE sharing on (NT share semantics)");
        assertNfs(Nfs3Status.NFS3_OK, n.lookup(n.root(), f).status(), "the file is still there");
    }

    @Test
    @Requirement("R-XP-5")
    void nfsNamespaceChanges_directoryLease_brokenToNone(SuiteContext ctx) throws Exception {
        String d = ctx.name("d");
        String d2 = ctx.name("d2");
        Smb2Client a = ctx.smb("A");
        assumeTrue((a.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING) != 0, "the target grants no directory leases");
        a.close(a.create(Smb2Create.directory(d)).fileId());
        a.close(a.create(Smb2Create.directory(d2)).fileId());
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] dh = fh(n, d);
        byte[] d2h = fh(n, d2);
        byte[] target = n.newFile(dh, "existing");
        n.newFile(dh, "victim");
        n.newDir(dh, "olddir");
        n.newFile(dh, "tomove");
        record Op(String name, java.util.concurrent.Callable<Integer> call) {}
        List<Op> ops = List.of(
                new Op("CREATE", () -> n.create(dh, "c", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE))
                        .status()),
                new Op("MKDIR", () -> n.mkdir(dh, "m").status()),
                new Op("SYMLINK", () -> n.symlink(dh, "s", "existing").status()),
                new Op("LINK", () -> n.link(target, dh, "l").status()),
                new Op("REMOVE", () -> n.remove(dh, "victim").status()),
                new Op("RMDIR", () -> n.rmdir(dh, "olddir").status()),
                new Op("RENAME", () -> n.rename(dh, "c", dh, "c2").status()));
        for (Op op : ops) {
            UUID k = key();
            Smb2Open dl = a.create(Smb2Create.directory(d).lease(Lease.v2(k, RH, 0)));
            assertLease(RH, dl.leaseState(), "directory lease RH before " + op.name());
            var r = timed(ctx, op.call());
            LeaseBreak lb = a.awaitLeaseBreak(EVENT);
            assertEquals(k, lb.key(), op.name() + " breaks the parent's directory lease");
            assertEquals(0, lb.newState(), op.name() + " breaks it to NONE");
            a.leaseAck(k, 0);
            assertNfs(Nfs3Status.NFS3_OK, get(r, op.name()).value(), op.name());
            a.close(dl.fileId());
        }
        UUID k1 = key();
        UUID k2 = key();
        Smb2Open l1 = a.create(Smb2Create.directory(d).lease(Lease.v2(k1, RH, 0)));
        Smb2Open l2 = a.create(Smb2Create.directory(d2).lease(Lease.v2(k2, RH, 0)));
        var mv = timed(ctx, () -> n.rename(dh, "tomove", d2h, "moved").status());
        java.util.Set<UUID> broken = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            LeaseBreak lb = a.awaitLeaseBreak(EVENT);
            broken.add(lb.key());
            a.leaseAck(lb.key(), 0);
        }
        assertEquals(java.util.Set.of(k1, k2), broken, "a RENAME across directories breaks both parents");
        assertNfs(Nfs3Status.NFS3_OK, get(mv, "RENAME across directories").value(), "RENAME");
        a.close(l1.fileId());
        a.close(l2.fileId());
    }

    @Test
    @Requirement({"R-XP-6", "R-SMB-80"})
    void nfsTruncation_setattrSizeAndUncheckedCreate_breakRAndWToNone(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "0123456789");
        lease(a, f, k, RW);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        var trunc = timed(ctx, () -> n.setattr(fh, Nfs3Sattr.size(2L), null));
        expectLeaseBreak(a, k, RW, 0);
        a.leaseAck(k, 0);
        assertNfs(Nfs3Status.NFS3_OK, get(trunc, "SETATTR size").value().status(), "SETATTR size");
        UUID k2 = key();
        lease(a, f, k2, R);
        var create = timed(ctx, () -> n.create(n.root(), f, new Nfs3CreateHow.Unchecked(Nfs3Sattr.size(0L))));
        LeaseBreak lb = expectLeaseBreak(a, k2, R, 0);
        assertFalse(lb.ackRequired(), "R→NONE without ack");
        assertNfs(
                Nfs3Status.NFS3_OK,
                get(create, "CREATE UNCHECKED size 0").value().status(),
                "truncating CREATE");
        assertEquals(0, n.getattr(fh).attributes().size(), "truncated");
    }

    @Test
    @Requirement({"R-XP-7", "R-SMB-80"})
    void nfsWrite_holderFlushesThenAcks_writeAfterTheFlushAndNotBefore(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "..........");
        Smb2Open oa = lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        var w = timed(ctx, () -> n.write(fh, 0, utf8("NFS"), Nfs3Raw.FILE_SYNC));
        expectLeaseBreak(a, k, RWH, 0);
        // the write-caching holder flushes its dirty data, then acknowledges
        a.write(oa.fileId(), 0, utf8("smb-flushed"));
        assertFalse(w.isDone(), "the NFS WRITE still waits for the ack");
        long acked = System.nanoTime();
        a.leaseAck(k, 0);
        Timed<io.interlock.scenarios.clients.nfs.wire.Nfs3WriteRes> res = get(w, "NFS WRITE");
        long latencyMs = (res.at() - acked) / 1_000_000;
        ctx.note("latency", "NFS WRITE reply " + latencyMs + " ms after the ack");
        assertTrue(latencyMs < EVENT.toMillis(), "the reply follows the ack promptly");
        assertEquals(
                "NFS-flushed",
                new String(n.read(fh, 0, 100).data(), StandardCharsets.UTF_8),
                "NFS's write lands after the flush");
    }

    @Test
    @Requirement({"R-XP-7", "R-SMB-80", "R-SMB-68"})
    void nfsWrite_holderNeverAcks_completesAtTheBreakTimeoutAndLeaseIsNone(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        var w = timed(ctx, () -> n.write(fh, 0, utf8("late"), Nfs3Raw.FILE_SYNC));
        expectLeaseBreak(a, k, RWH, 0);
        ctx.clock()
                .assertNotWithin(
                        BREAK_TIMEOUT.minusSeconds(1),
                        w::isDone,
                        "the NFS WRITE gave up before the 35 s break timeout");
        ctx.clock().awaitWithin(Duration.ofSeconds(2), w::isDone, "the NFS WRITE completes at the break timeout");
        assertNfs(Nfs3Status.NFS3_OK, get(w, "NFS WRITE").value().status(), "NFS WRITE after the timeout");
        assertStatus(
                Smb2Status.STATUS_UNSUCCESSFUL,
                a.leaseAck(k, 0).status(),
                "the late ack: the lease was forced to NONE");
    }

    // =============================================================================================
    // R-XP-8..11: NLM and SMB byte-range locks

    private static NlmLockSpec nlmLock(byte[] fh, int pid, long off, long len) {
        return NlmLockSpec.of(fh, pid, "suite-nlm", off, len);
    }

    @Test
    @Requirement({"R-XP-8", "R-SMB-83"})
    void nlmLock_rwhAndRLeases_allBrokenToNoneThenGrantedAfterTheAck(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        UUID kr = key();
        Smb2Client a = ctx.smb("A");
        Smb2Client b = ctx.smb("B");
        smbFile(a, f, "0123456789");
        lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        NlmClient nlm = ctx.nlm("suite-nlm", false);
        var lock = timed(ctx, () -> nlm.lock(nlmLock(fh, 1, 0, 10), true, false));
        expectLeaseBreak(a, k, RWH, 0);
        SuiteClock.watchReal(SuiteClock.QUIET, lock::isDone, "the NLM LOCK waits for the ack");
        a.leaseAck(k, 0);
        assertEquals(NlmStat.GRANTED, get(lock, "NLM LOCK").value(), "GRANTED after the ack");
        String g = ctx.name("g");
        smbFile(b, g, "x");
        lease(b, g, kr, R);
        Smb2Client c = ctx.smb("C");
        Smb2Open level2 = c.create(Smb2Create.file(g).oplock(Smb2Create.OPLOCK_II));
        byte[] gh = fh(n, g);
        assertEquals(NlmStat.GRANTED, nlm.lock(nlmLock(gh, 2, 0, 10), true, false), "NLM LOCK of g");
        expectLeaseBreak(b, kr, R, 0);
        if (level2.oplockLevel() == Smb2Create.OPLOCK_II) {
            assertOplock(Smb2Create.OPLOCK_NONE, c.awaitOplockBreak(EVENT).level(), "Level II to NONE (R-SMB-83)");
        }
    }

    @Test
    @Requirement("R-XP-8")
    void nlmLock_holderNeverAcks_grantedAfterTheBoundedWaitWithLeaseNone(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, k, RW);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        NlmClient nlm = ctx.nlm("suite-nlm", false);
        var lock = timed(ctx, () -> nlm.lock(nlmLock(fh, 1, 0, 10), true, false));
        expectLeaseBreak(a, k, RW, 0);
        ctx.clock()
                .assertNotWithin(NLM_BREAK_WAIT.minusMillis(500), lock::isDone, "the LOCK stopped waiting before 5 s");
        ctx.clock().awaitWithin(Duration.ofSeconds(1), lock::isDone, "the LOCK goes on after its bounded wait");
        assertEquals(NlmStat.GRANTED, get(lock, "NLM LOCK").value(), "GRANTED despite the missing ack");
        ctx.adminIfAny().ifPresent(admin -> ctx.note("lease", String.valueOf(admin.lease(a.clientGuid(), k))));
        assertStatus(
                Smb2Status.STATUS_UNSUCCESSFUL,
                a.leaseAck(k, 0).status(),
                "an ack after the bound: the lease was forced to NONE, nothing is breaking any more");
    }

    @Test
    @Requirement("R-XP-9")
    void nlmLockNonBlocking_leaseThatCannotBreak_deniedWithoutHolder(SuiteContext ctx) throws Exception {
        ctx.restart(new SuiteEnvironment.Restart(Duration.ZERO, true));
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        RpcProbe raw = ctx.rpc("NLM", ctx.nlmAddress());
        io.interlock.scenarios.clients.rpc.XdrOut args = new io.interlock.scenarios.clients.rpc.XdrOut()
                .opaque(new byte[] {1, 2, 3, 4}) // cookie
                .bool(false) // block
                .bool(true) // exclusive
                .string("suite-nlm") // caller_name
                .opaque(fh) // fh
                .opaque(utf8("1@suite-nlm")) // oh
                .int32(1) // svid
                .hyper(0) // l_offset
                .hyper(10) // l_len
                .bool(false) // reclaim
                .int32(1); // state
        var reply = timed(ctx, () -> raw.call(NlmClient.NLM_PROGRAM, 4, 2, RpcProbe.Cred.sys(), args.bytes()));
        expectLeaseBreak(a, k, RWH, 0);
        // the holder never acknowledges: the lease cannot be broken within the LOCK's bounded wait
        ctx.clock().awaitWithin(NLM_BREAK_WAIT.plusSeconds(1), reply::isDone, "the LOCK is answered after its wait");
        RpcReply r = get(reply, "NLM LOCK").value();
        assertTrue(r.success(), "LOCK answered " + r);
        io.interlock.scenarios.clients.rpc.XdrIn res = r.results();
        res.opaque(1024); // cookie
        assertEquals(NlmStat.DENIED.ordinal(), res.int32(), "nlm4_res.stat DENIED");
        assertEquals(0, res.remaining(), "the LOCK reply (nlm4_res) carries no holder");
    }

    @Test
    @Requirement("R-XP-10")
    void nlmExclusiveLock_smbLockAndWriteInRange_refused(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "0123456789abcdef");
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        NlmClient nlm = ctx.nlm("suite-nlm", false);
        assertEquals(NlmStat.GRANTED, nlm.lock(nlmLock(fh, 1, 4, 4), true, false), "NLM locks [4,8)");
        Smb2Open o = a.create(Smb2Create.file(f));
        long lockSt = a.lock(o.fileId(), 6, 4, Smb2Client.LOCK_EXCLUSIVE | Smb2Client.LOCK_FAIL_IMMEDIATELY);
        assertTrue(
                lockSt == Smb2Status.STATUS_LOCK_NOT_GRANTED || lockSt == Smb2Status.STATUS_FILE_LOCK_CONFLICT,
                "SMB LOCK overlapping the NLM lock: " + Smb2Status.name(lockSt));
        assertStatus(
                Smb2Status.STATUS_FILE_LOCK_CONFLICT,
                a.write(o.fileId(), 5, utf8("zz")),
                "SMB WRITE into the NLM lock");
        assertStatus(Smb2Status.STATUS_SUCCESS, a.write(o.fileId(), 10, utf8("zz")), "SMB WRITE outside it");
    }

    @Test
    @Requirement("R-XP-10")
    void smbExclusiveLock_nlmTestAndLock_deniedThenGrantedOnUnlockAndClose(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "0123456789");
        Smb2Open o = a.create(Smb2Create.file(f));
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                a.lock(o.fileId(), 0, 10, Smb2Client.LOCK_EXCLUSIVE | Smb2Client.LOCK_FAIL_IMMEDIATELY),
                "SMB lock");
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        NlmClient nlm = ctx.nlm("suite-nlm", true);
        NlmLockSpec l = nlmLock(fh, 1, 2, 2);
        assertEquals(NlmStat.DENIED, nlm.test(l, true).stat(), "NLM TEST against the SMB lock");
        assertEquals(NlmStat.DENIED, nlm.lock(l, true, false), "NLM LOCK against the SMB lock");
        assertEquals(NlmStat.BLOCKED, nlm.lock(l, true, true), "blocking NLM LOCK waits");
        CompletableFuture<NlmCallback> g = nlm.granted(l, true);
        long t0 = System.nanoTime();
        a.lock(o.fileId(), 0, 10, Smb2Client.LOCK_UNLOCK);
        g.get(EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue((System.nanoTime() - t0) / 1_000_000 <= 1000, "GRANTED within 1 s of the SMB UNLOCK");
        nlm.unlock(l);
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                a.lock(o.fileId(), 0, 10, Smb2Client.LOCK_EXCLUSIVE | Smb2Client.LOCK_FAIL_IMMEDIATELY),
                "SMB lock again");
        NlmLockSpec l2 = nlmLock(fh, 2, 2, 2);
        assertEquals(NlmStat.BLOCKED, nlm.lock(l2, true, true), "blocking NLM LOCK waits again");
        CompletableFuture<NlmCallback> g2 = nlm.granted(l2, true);
        long t1 = System.nanoTime();
        a.close(o.fileId());
        g2.get(EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue((System.nanoTime() - t1) / 1_000_000 <= 1000, "GRANTED within 1 s of the SMB CLOSE");
    }

    @Test
    @Requirement("R-XP-11")
    void nfsWrite_intoSmbLockedRange_refusedUnchangedOrWrittenWhole(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "0123456789");
        Smb2Open o = a.create(Smb2Create.file(f));
        a.lock(o.fileId(), 0, 10, Smb2Client.LOCK_EXCLUSIVE | Smb2Client.LOCK_FAIL_IMMEDIATELY);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        int st = n.write(fh, 2, utf8("XX"), Nfs3Raw.FILE_SYNC).status();
        a.lock(o.fileId(), 0, 10, Smb2Client.LOCK_UNLOCK);
        String now = new String(n.read(fh, 0, 100).data(), StandardCharsets.UTF_8);
        ctx.note("policy", Nfs3Status.nameOf(st) + ", content " + now);
        if (st == Nfs3Status.NFS3_OK.value()) {
            assertEquals("01XX456789", now, "an accepted WRITE is applied whole (NFS I/O ignores SMB locks)");
        } else {
            assertNfs(Nfs3Status.NFS3ERR_ACCES, st, "a refused WRITE says ACCES (SMB locks enforced on NFS I/O)");
            assertEquals("0123456789", now, "a refused WRITE changes nothing");
        }
    }

    // =============================================================================================
    // R-XP-12..15, R-SMB-84/85

    @Test
    @Requirement("R-XP-12")
    void failedNfsOperations_leasedFile_breakNothing(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, key(), RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        assertNfs(Nfs3Status.NFS3ERR_NOTDIR, n.rmdir(n.root(), f).status(), "RMDIR of the file");
        assertNfs(
                Nfs3Status.NFS3ERR_NOTDIR,
                n.create(fh, "x", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE)).status(),
                "CREATE inside the file");
        assertNfs(Nfs3Status.NFS3ERR_NOENT, n.remove(n.root(), f + "-missing").status(), "REMOVE of a missing name");
        int big = n.write(fh, Long.MAX_VALUE, utf8("x"), Nfs3Raw.FILE_SYNC).status();
        assertTrue(big != 0, "WRITE beyond the maximum size fails: " + Nfs3Status.nameOf(big));
        assertNoBreak(a, "failed NFS operations break no lease");
    }

    @Test
    @Requirement("R-XP-13")
    void nfsWriteBreak_counters_countedAndTimed(SuiteContext ctx) throws Exception {
        TargetAdmin admin = ctx.admin();
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, k, RWH);
        long before = admin.breaks("WRITE").count();
        long timedOutBefore = admin.breaks("WRITE").timedOut();
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        var w = timed(ctx, () -> n.write(fh, 0, utf8("y"), Nfs3Raw.FILE_SYNC));
        expectLeaseBreak(a, k, RWH, 0);
        a.leaseAck(k, 0);
        get(w, "NFS WRITE");
        SuiteClock.awaitReal(
                EVENT, () -> admin.breaks("WRITE").count() == before + 1, "the WRITE break is counted once");
        assertEquals(timedOutBefore, admin.breaks("WRITE").timedOut(), "acknowledged, not timed out");
    }

    @Test
    @Requirement("R-XP-14")
    void nfsWrite_noSmbHolder_neverWaits(SuiteContext ctx) throws Exception {
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = n.newFile(ctx.name("f"));
        var w = timed(ctx, () -> n.write(fh, 0, utf8("quick"), Nfs3Raw.FILE_SYNC));
        // no server time passes: a WRITE with nothing to break must not depend on any timer
        assertNfs(
                Nfs3Status.NFS3_OK,
                get(w, "NFS WRITE with no SMB holder").value().status(),
                "WRITE");
    }

    @Test
    @Requirement("R-XP-15")
    @Settings(breakPolicy = "notify")
    void unackedBreak_noWaiter_revokedWithinTimeoutPlusScan(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        assertNfs(Nfs3Status.NFS3_OK, n.read(fh(n, f), 0, 10).status(), "NFS READ under NOTIFY does not wait");
        expectLeaseBreak(a, k, RWH, RH);
        Supplier<Boolean> revoked = () -> ctx.adminIfAny()
                .flatMap(ad -> ad.lease(a.clientGuid(), k))
                .map(l -> !l.breaking() && l.state() == 0)
                .orElse(false);
        if (ctx.adminIfAny().isPresent()) {
            ctx.clock()
                    .awaitWithin(
                            BREAK_TIMEOUT.plusSeconds(1), revoked::get, "the unacknowledged break is revoked to NONE");
        } else {
            ctx.clock().advance(BREAK_TIMEOUT.plusSeconds(1));
        }
        assertStatus(Smb2Status.STATUS_UNSUCCESSFUL, a.leaseAck(k, RH).status(), "an ack after the revocation");
    }

    @Test
    @Requirement("R-SMB-84")
    @Settings(breakPolicy = "jukebox")
    void nfsWrite_breakPendingUnderJukebox_jukeboxAtOnceThenOkAfterAck(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        smbFile(a, f, "x");
        lease(a, f, k, RWH);
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] fh = fh(n, f);
        assertNfs(
                Nfs3Status.NFS3ERR_JUKEBOX,
                n.write(fh, 0, utf8("j"), Nfs3Raw.FILE_SYNC).status(),
                "WRITE while the break is pending");
        expectLeaseBreak(a, k, RWH, 0);
        a.leaseAck(k, 0);
        assertNfs(
                Nfs3Status.NFS3_OK, n.write(fh, 0, utf8("j"), Nfs3Raw.FILE_SYNC).status(), "the retry after the ack");
    }

    @Test
    @Requirement("R-SMB-85")
    void nfsStatLikeOperations_onLeasedFileAndDirectory_breakNothing(SuiteContext ctx) throws Exception {
        String d = ctx.name("d");
        String f = d + "/f";
        Smb2Client a = ctx.smb("A");
        a.close(a.create(Smb2Create.directory(d)).fileId());
        smbFile(a, f, "x");
        lease(a, f, key(), RWH);
        if ((a.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING) != 0) {
            a.create(Smb2Create.directory(d).lease(Lease.v2(key(), RH, 0)));
        }
        Nfs3Raw n = ctx.nfsRaw("N");
        byte[] dh = fh(n, d);
        byte[] fh = n.lookup(dh, "f").object();
        assertNfs(Nfs3Status.NFS3_OK, n.getattr(fh).status(), "GETATTR");
        assertNfs(Nfs3Status.NFS3_OK, n.access(fh, 0x3F).status(), "ACCESS");
        assertNfs(Nfs3Status.NFS3_OK, n.readdir(dh, 0, new byte[8], 8192).status(), "READDIR");
        assertNfs(Nfs3Status.NFS3_OK, n.lookup(dh, "f").status(), "LOOKUP");
        assertNoBreak(a, "GETATTR, LOOKUP, ACCESS and READDIR never break");
    }
}
