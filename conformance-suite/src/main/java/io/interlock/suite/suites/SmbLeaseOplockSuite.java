package io.interlock.suite.suites;

import static io.interlock.suite.smb.Lease.H;
import static io.interlock.suite.smb.Lease.R;
import static io.interlock.suite.smb.Lease.RH;
import static io.interlock.suite.smb.Lease.RW;
import static io.interlock.suite.smb.Lease.RWH;
import static io.interlock.suite.smb.Lease.W;
import static io.interlock.suite.smb.Smb2Create.OPLOCK_BATCH;
import static io.interlock.suite.smb.Smb2Create.OPLOCK_EXCLUSIVE;
import static io.interlock.suite.smb.Smb2Create.OPLOCK_II;
import static io.interlock.suite.smb.Smb2Create.OPLOCK_LEASE;
import static io.interlock.suite.smb.Smb2Create.OPLOCK_NONE;
import static io.interlock.suite.smb.SmbAssert.EVENT;
import static io.interlock.suite.smb.SmbAssert.assertHeld;
import static io.interlock.suite.smb.SmbAssert.assertLease;
import static io.interlock.suite.smb.SmbAssert.assertNoBreak;
import static io.interlock.suite.smb.SmbAssert.assertOplock;
import static io.interlock.suite.smb.SmbAssert.assertStatus;
import static io.interlock.suite.smb.SmbAssert.completes;
import static io.interlock.suite.smb.SmbAssert.expectLeaseBreak;
import static io.interlock.suite.smb.SmbAssert.lease;
import static io.interlock.suite.smb.SmbAssert.leaseV2;
import static io.interlock.suite.smb.SmbAssert.oplock;
import static io.interlock.suite.smb.SmbAssert.touch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.smb.Lease;
import io.interlock.suite.smb.LeaseBreak;
import io.interlock.suite.smb.OplockBreak;
import io.interlock.suite.smb.Smb2Client;
import io.interlock.suite.smb.Smb2Client.Pending;
import io.interlock.suite.smb.Smb2Create;
import io.interlock.suite.smb.Smb2FileId;
import io.interlock.suite.smb.Smb2Message;
import io.interlock.suite.smb.Smb2Open;
import io.interlock.suite.smb.Smb2Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMB2 leases and traditional oplocks ([MS-SMB2]; catalog smb2-leases-oplocks.md §4, R-SMB-1..71):
 * negotiation, grants, upgrades, what breaks what, notifications, acknowledgments, epochs, pending
 * creates and the break timer. Every test drives the suites' own SMB2 client, which keeps every
 * message whole. The cross-protocol requirements R-SMB-80..85 are in {@link CrossProtocolSuite}.
 */
@ExtendWith(SuiteExtension.class)
public final class SmbLeaseOplockSuite {
    private static final Duration BREAK_TIMEOUT = Duration.ofSeconds(35);

    private static UUID key() {
        return SuiteContext.key();
    }

    // =============================================================================================
    // Negotiation and contexts

    @Test
    @Requirement("R-SMB-1")
    void negotiate_eachDialect_leasingCapabilitiesOnlyWhereDefined(SuiteContext ctx) throws Exception {
        Smb2Client v202 = ctx.smb("A202", Smb2Client.Options.defaults().dialects(Smb2Client.SMB_2_0_2));
        assertEquals(Smb2Client.SMB_2_0_2, v202.dialect(), "negotiated dialect");
        assertEquals(0, v202.capabilities() & Smb2Client.CAP_LEASING, "2.0.2 must not advertise LEASING");
        assertEquals(0, v202.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING, "2.0.2: no DIRECTORY_LEASING");
        Smb2Client v21 = ctx.smb("A21", Smb2Client.Options.defaults().dialects(Smb2Client.SMB_2_1));
        assertEquals(Smb2Client.SMB_2_1, v21.dialect(), "negotiated dialect");
        assertEquals(Smb2Client.CAP_LEASING, v21.capabilities() & Smb2Client.CAP_LEASING, "2.1 advertises LEASING");
        assertEquals(0, v21.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING, "2.1: no DIRECTORY_LEASING");
        Smb2Client v3 = ctx.smb("A3");
        assertTrue(v3.dialect() >= Smb2Client.SMB_3_0, "a 3.x dialect is negotiated when offered");
        assertEquals(Smb2Client.CAP_LEASING, v3.capabilities() & Smb2Client.CAP_LEASING, "3.x advertises LEASING");
        // DIRECTORY_LEASING only when directory leases are implemented: then a directory gets one
        String d = ctx.name("d");
        Smb2Open dir = v3.create(Smb2Create.directory(d).lease(Lease.v2(key(), RH, 0)));
        boolean advertised = (v3.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING) != 0;
        ctx.note("directory lease", "DIRECTORY_LEASING " + advertised + ", granted " + dir);
        if (advertised) {
            assertOplock(OPLOCK_LEASE, dir.oplockLevel(), "a directory lease request with DIRECTORY_LEASING");
            assertLease(RH, dir.leaseState(), "directory lease granted where DIRECTORY_LEASING is advertised");
        } else {
            assertOplock(OPLOCK_NONE, dir.oplockLevel(), "no directory leasing: no lease on a directory");
        }
    }

    @Test
    @Requirement("R-SMB-2")
    void create_leaseContextOnDialect202_ignored(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A", Smb2Client.Options.defaults().dialects(Smb2Client.SMB_2_0_2));
        Smb2Open o = lease(a, ctx.name("f"), key(), RWH);
        assertOplock(OPLOCK_NONE, o.oplockLevel(), "RequestedOplockLevel 0xFF on 2.0.2");
        assertNull(o.lease(), "no RqLs context in a 2.0.2 response");
    }

    @Test
    @Requirement("R-SMB-3")
    void create_leaseLevelWithoutContext_noneAndNoLease(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Open o = a.create(Smb2Create.file(ctx.name("f")).oplock(OPLOCK_LEASE));
        assertOplock(OPLOCK_NONE, o.oplockLevel(), "0xFF without an RqLs context");
        assertNull(o.lease(), "no lease context");
    }

    @Test
    @Requirement("R-SMB-3")
    void create_leaseContextWithBatchLevel_contextIgnored(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Open o = a.create(
                Smb2Create.file(ctx.name("f")).lease(Lease.v1(key(), RWH)).oplock(OPLOCK_BATCH));
        ctx.note("granted", o.toString());
        assertNull(o.lease(), "an RqLs with RequestedOplockLevel BATCH is ignored: no lease context back");
        assertNotEquals(OPLOCK_LEASE, o.oplockLevel(), "no lease granted");
    }

    @Test
    @Requirement("R-SMB-4")
    void create_leaseContextOf40Bytes_invalidParameter(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Create c = Smb2Create.file(ctx.name("f"))
                .lease(new Lease(2, key(), RWH, 0, 0, null, 0))
                .leaseDataLength(40);
        assertStatus(Smb2Status.STATUS_INVALID_PARAMETER, a.createStatus(c), "CREATE with a 40-byte RqLs");
    }

    @Test
    @Requirement("R-SMB-4")
    void create_v1AndV2Lengths_decideTheVersion(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Open v1 = lease(a, ctx.name("f1"), key(), RWH);
        assertEquals(32, v1.leaseDataLength(), "a 32-byte request is a v1 lease (32-byte response)");
        Smb2Open v2 = leaseV2(a, ctx.name("f2"), key(), RWH, 3);
        assertEquals(52, v2.leaseDataLength(), "a 52-byte request is a v2 lease (52-byte response)");
    }

    @Test
    @Requirement("R-SMB-4")
    void create_v2ContextOnDialect21_ignored(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A", Smb2Client.Options.defaults().dialects(Smb2Client.SMB_2_1));
        Smb2Open o = leaseV2(a, ctx.name("f"), key(), RWH, 1);
        ctx.note("granted", o.toString());
        assertNull(o.lease(), "a 52-byte RqLs on a 2.1 connection is ignored: no lease context");
        assertOplock(OPLOCK_NONE, o.oplockLevel(), "nothing granted for the ignored context");
    }

    @Test
    @Requirement("R-SMB-5")
    void create_undefinedStateBitsFlagsAndDuration_ignored(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        Smb2Open o =
                a.create(Smb2Create.file(ctx.name("f")).lease(new Lease(1, k, RWH | 0x8 | 0x100, 0x2, 12345, null, 0)));
        assertEquals(k, o.lease().key(), "LeaseKey echoed");
        assertLease(RWH, o.leaseState(), "undefined state bits ignored, RWH granted");
        assertEquals(0, o.lease().duration(), "LeaseDuration 0 in the response");
        assertEquals(0, o.lease().flags() & Lease.FLAG_BREAK_IN_PROGRESS, "request flags are not echoed");
    }

    @Test
    @Requirement("R-SMB-6")
    void create_v1OpenOfV2Lease_answeredInCreationVersion(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        String f = ctx.name("f");
        Smb2Open first = leaseV2(a, f, k, RH, 5);
        assertEquals(52, first.leaseDataLength(), "v2 lease created");
        Smb2Open v1 = lease(a, f, k, RH);
        assertEquals(52, v1.leaseDataLength(), "a v1 request on a v2 lease is answered in v2 form");
        assertEquals(k, v1.lease().key(), "LeaseKey echoed");
        assertEquals(0, v1.lease().duration(), "LeaseDuration 0");
        UUID k2 = key();
        String g = ctx.name("g");
        lease(a, g, k2, RH);
        Smb2Open v2 = leaseV2(a, g, k2, RH, 9);
        assertEquals(32, v2.leaseDataLength(), "a v2 request on a v1 lease is answered in v1 form");
        assertEquals(k2, v2.lease().key(), "LeaseKey echoed");
    }

    @Test
    @Requirement("R-SMB-7")
    void create_v2WithParentKey_parentEchoedOnlyWithDirectoryLeasing(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID parent = key();
        Smb2Open o = a.create(Smb2Create.file(ctx.name("f")).lease(Lease.v2(key(), RWH, 0, parent)));
        boolean dirLeasing = (a.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING) != 0;
        ctx.note("response", o + " DIRECTORY_LEASING=" + dirLeasing);
        if (dirLeasing) {
            assertEquals(
                    Lease.FLAG_PARENT_LEASE_KEY_SET,
                    o.lease().flags() & Lease.FLAG_PARENT_LEASE_KEY_SET,
                    "flag 0x4 set");
            assertEquals(parent, o.lease().parentKey(), "ParentLeaseKey echoed");
        } else {
            assertEquals(0, o.lease().flags() & Lease.FLAG_PARENT_LEASE_KEY_SET, "flag 0x4 clear without dir leasing");
        }
    }

    // =============================================================================================
    // Granting

    @Test
    @Requirement("R-SMB-10")
    void create_leaseKeyBoundToAnotherFile_invalidParameter(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        lease(a, ctx.name("f1"), k, RWH);
        long created = a.createStatus(Smb2Create.file(ctx.name("f2")).lease(Lease.v1(k, RWH)));
        assertStatus(Smb2Status.STATUS_INVALID_PARAMETER, created, "same key on a new file");
        touch(a, ctx.name("f3"));
        long existing = a.createStatus(Smb2Create.file(ctx.name("f3")).lease(Lease.v1(k, RWH)));
        assertStatus(Smb2Status.STATUS_INVALID_PARAMETER, existing, "same key on another existing file");
    }

    @Test
    @Requirement("R-SMB-11")
    void create_sameKeyFromAnotherClientGuid_conflictsAsUnrelatedLease(SuiteContext ctx) throws Exception {
        UUID k = key();
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Client b = ctx.smb("B");
        assertLease(RWH, lease(a, f, k, RWH).leaseState(), "A's grant");
        Pending p = b.createAsync(Smb2Create.file(f).lease(Lease.v1(k, RWH)));
        expectLeaseBreak(a, k, RWH, RH);
        a.leaseAck(k, RH);
        Smb2Open ob = b.created(Smb2Create.file(f), completes(p, "B's open"));
        assertLease(RH, ob.leaseState(), "B's lease under the same key is a second lease: no W");
    }

    @Test
    @Requirement({"R-SMB-12", "R-SMB-13"})
    void create_eachRequestedState_grantsOnlyRRhRwRwh(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        int[] requested = {0, R, H, W, RH, RW, H | W, RWH};
        int[] granted = {0, R, 0, 0, RH, RW, 0, RWH};
        for (int i = 0; i < requested.length; i++) {
            Smb2Open o = lease(a, ctx.name("f" + i), key(), requested[i]);
            assertOplock(OPLOCK_LEASE, o.oplockLevel(), "OplockLevel for a request of " + Lease.bits(requested[i]));
            assertTrue(o.lease() != null, "an RqLs context comes back for " + Lease.bits(requested[i]));
            assertLease(granted[i], o.leaseState(), "granted for a request of " + Lease.bits(requested[i]));
            a.close(o.fileId());
        }
    }

    @Test
    @Requirement("R-SMB-14")
    void create_directoryLeaseRwh_neverGrantsW(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Open d = a.create(Smb2Create.directory(ctx.name("d")).lease(Lease.v2(key(), RWH, 0)));
        boolean dirLeasing = (a.capabilities() & Smb2Client.CAP_DIRECTORY_LEASING) != 0;
        ctx.note("directory", d + " DIRECTORY_LEASING=" + dirLeasing);
        assertEquals(0, d.leaseState() & W, "W is never granted on a directory");
        if (!dirLeasing) {
            assertOplock(OPLOCK_NONE, d.oplockLevel(), "without directory leasing a directory gets no lease");
        }
    }

    @Test
    @Requirement("R-SMB-15")
    void create_batchOplockOnDirectory_none(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Open d = a.create(Smb2Create.directory(ctx.name("d")).oplock(OPLOCK_BATCH));
        assertOplock(OPLOCK_NONE, d.oplockLevel(), "no traditional oplock on a directory");
    }

    @Test
    @Requirement("R-SMB-16")
    void create_batchOnForceLevelIIShare_atMostLevelII(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        assumeTrue(
                (a.shareFlags() & Smb2Client.SHAREFLAG_FORCE_LEVELII_OPLOCK) != 0,
                "the target's share does not set SMB2_SHAREFLAG_FORCE_LEVELII_OPLOCK");
        Smb2Open o = oplock(a, ctx.name("f"), OPLOCK_BATCH);
        assertTrue(o.oplockLevel() <= OPLOCK_II, "BATCH on a FORCE_LEVELII share: " + o);
    }

    @Test
    @Requirement("R-SMB-17")
    void create_rwhWhileAnotherOpenExists_grantedWithoutW(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client b = ctx.smb("B");
        b.create(Smb2Create.file(f));
        Smb2Client a = ctx.smb("A");
        Smb2Open o = lease(a, f, key(), RWH);
        // only W is decided by R-SMB-17; whether H survives another lease-less open is the
        // catalog's open question Q2 (Samba strips it, MS-FSA suggests not): not asserted
        assertEquals(0, o.leaseState() & W, "another non-stat open exists: no W, got " + Lease.bits(o.leaseState()));
        assertEquals(R, o.leaseState() & R, "R is still granted");
        Smb2Open batch = oplock(ctx.smb("C"), f, OPLOCK_BATCH);
        assertTrue(batch.oplockLevel() <= OPLOCK_II, "no EXCLUSIVE/BATCH beside other opens: " + batch);
    }

    @Test
    @Requirement("R-SMB-18")
    void create_leaseWhileBatchOplockHeld_oplockToIIAndLeaseR(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        assertOplock(OPLOCK_BATCH, batch.oplockLevel(), "BATCH on a new file");
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f).lease(Lease.v1(key(), RWH)));
        OplockBreak ob = a.awaitOplockBreak(EVENT);
        assertOplock(OPLOCK_II, ob.level(), "BATCH broken to II by a lease request");
        a.oplockAck(batch.fileId(), OPLOCK_II);
        Smb2Open lb = b.created(Smb2Create.file(f), completes(p, "lease open"));
        assertLease(R, lb.leaseState(), "a lease beside a traditional oplock gets R only");
    }

    @Test
    @Requirement("R-SMB-18")
    void create_oplockWhileRhLease_noneWithoutBreak(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        lease(a, f, key(), RH);
        Smb2Open o = oplock(ctx.smb("B"), f, OPLOCK_BATCH);
        assertOplock(OPLOCK_NONE, o.oplockLevel(), "an oplock beside an H lease");
        assertNoBreak(a, "an oplock request does not break RH");
    }

    @Test
    @Requirement("R-SMB-18")
    void create_oplockWhileRwLease_rwToRAndLevelII(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        assertLease(RW, lease(a, f, k, RW).leaseState(), "RW granted");
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f).oplock(OPLOCK_BATCH));
        expectLeaseBreak(a, k, RW, R);
        a.leaseAck(k, R);
        Smb2Open o = b.created(Smb2Create.file(f), completes(p, "oplock open"));
        assertOplock(OPLOCK_II, o.oplockLevel(), "after RW→R the oplock request gets II");
    }

    @Test
    @Requirement("R-SMB-19")
    void create_rwhAfterLeaselessStatOpen_fullGrant(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        touch(a, f);
        Smb2Client s = ctx.smb("S");
        s.create(Smb2Create.stat(f));
        Smb2Open o = lease(a, f, key(), RWH);
        assertLease(RWH, o.leaseState(), "a stat open does not reduce the grant");
    }

    @Test
    @Requirement({"R-SMB-19", "R-SMB-37"})
    void statOpen_onRwhLease_breaksNothing(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        lease(a, f, key(), RWH);
        Smb2Open st = ctx.smb("S").create(Smb2Create.stat(f));
        assertOplock(OPLOCK_NONE, st.oplockLevel(), "the stat open itself gets nothing");
        assertNoBreak(a, "a stat open breaks no lease");
    }

    @Test
    @Requirement("R-SMB-20")
    void create_leaseOnNamedStream_independentOfBaseFile(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID kb = key();
        Smb2Client a = ctx.smb("A");
        assertLease(RWH, lease(a, f, kb, RWH).leaseState(), "base file RWH");
        Smb2Client b = ctx.smb("B");
        Smb2Open s;
        try {
            s = lease(b, f + ":str", key(), RWH);
        } catch (io.interlock.suite.smb.Smb2StatusException e) {
            assumeTrue(e.status() != Smb2Status.STATUS_OBJECT_NAME_INVALID, "the target serves no named streams");
            throw e;
        }
        assertLease(RWH, s.leaseState(), "a named stream has lease state of its own");
        assertNoBreak(a, "opening a stream does not break the base file's lease");
        Smb2Client c = ctx.smb("C");
        Pending p = c.createAsync(Smb2Create.file(f + "::$DATA"));
        expectLeaseBreak(a, kb, RWH, RH);
        a.leaseAck(kb, RH);
        completes(p, "open of f::$DATA, the base file");
    }

    // =============================================================================================
    // Upgrades and same-key opens

    @Test
    @Requirement("R-SMB-21")
    void create_sameKeyUpgrades_onlyToStrictSuperset(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        String f = ctx.name("f");
        assertLease(RH, lease(a, f, k, RH).leaseState(), "first open RH");
        assertLease(RH, lease(a, f, k, RW).leaseState(), "RH + RW request: not a superset, stays RH");
        assertLease(RWH, lease(a, f, k, RWH).leaseState(), "RH + RWH request: upgraded");
        assertLease(RWH, lease(a, f, k, RH).leaseState(), "RWH + RH request: never downgraded");
    }

    @Test
    @Requirement("R-SMB-21")
    void create_sameKeyUpgradeNotGrantable_unchangedAndNoBreak(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k1 = key();
        UUID k2 = key();
        Smb2Client a = ctx.smb("A");
        Smb2Client b = ctx.smb("B");
        assertLease(R, lease(a, f, k1, R).leaseState(), "key1 R");
        assertLease(R, lease(b, f, k2, R).leaseState(), "key2 R");
        assertLease(R, lease(a, f, k1, RWH).leaseState(), "RWH not grantable beside key2: no partial upgrade");
        assertLease(RH, lease(a, f, k1, RH).leaseState(), "RH is grantable beside key2's R");
        assertNoBreak(b, "an upgrade never breaks another lease");
    }

    @Test
    @Requirement("R-SMB-22")
    void create_sameKeySecondOpen_neitherBreaksNorWaits(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        String f = ctx.name("f");
        lease(a, f, k, RWH);
        Smb2Client a2 = ctx.smb("A2", Smb2Client.Options.defaults().clientGuid(a.clientGuid()));
        Smb2Open o = lease(a2, f, k, RWH);
        assertLease(RWH, o.leaseState(), "same ClientGuid and key on a second connection");
        assertNoBreak(a, "a same-key open breaks nothing");
        assertNoBreak(a2, "a same-key open breaks nothing");
    }

    @Test
    @Requirement({"R-SMB-23", "R-SMB-30", "R-SMB-65"})
    void create_sameKeyDuringBreak_preBreakStateWithBreakingFlag(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        String f = ctx.name("f");
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        assertHeld(p, "B's conflicting open");
        Smb2Open same = lease(a, f, k, RWH);
        assertLease(RWH, same.leaseState(), "a same-key open while breaking reports the pre-ack state");
        assertEquals(
                Lease.FLAG_BREAK_IN_PROGRESS, same.lease().flags() & Lease.FLAG_BREAK_IN_PROGRESS, "BREAK_IN_PROGRESS");
        assertFalse(p.isDone(), "B still waits");
        a.leaseAck(k, RH);
        assertStatus(Smb2Status.STATUS_SUCCESS, completes(p, "B's open").status(), "B's open after the ack");
    }

    @Test
    @Requirement("R-SMB-24")
    void break_leaseWithTwoOpens_exactlyOneNotification(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        String f = ctx.name("f");
        lease(a, f, k, RH);
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        a.leaseAck(k, RH);
        completes(p, "B's open");
        assertNoBreak(a, "one lease with two opens gets one notification");
    }

    // =============================================================================================
    // Break triggers

    @Test
    @Requirement("R-SMB-30")
    void create_nonStatOpenOnRAndRh_breaksNothing(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Client c = ctx.smb("C");
        lease(a, f, key(), R);
        lease(c, f, key(), RH);
        Smb2Open b = ctx.smb("B").create(Smb2Create.file(f));
        assertStatus(Smb2Status.STATUS_SUCCESS, b.message().status(), "B's open");
        assertNoBreak(a, "R is not broken by an open");
        assertNoBreak(c, "RH is not broken by an open");
    }

    @Test
    @Requirement("R-SMB-30")
    void create_nonStatOpenOnRw_breaksToRAndWaits(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RW);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        LeaseBreak lb = expectLeaseBreak(a, k, RW, R);
        assertTrue(lb.ackRequired(), "ACK_REQUIRED");
        assertHeld(p, "the open that broke RW");
        a.leaseAck(k, R);
        completes(p, "B's open after the ack");
    }

    @Test
    @Requirement("R-SMB-31")
    void create_shareConflictOnRwh_breaksOnlyHThenSharingViolation(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        a.create(Smb2Create.file(f).share(Smb2Create.SHARE_READ).lease(Lease.v1(k, RWH)));
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RW);
        assertHeld(p, "the conflicting open");
        a.leaseAck(k, RW);
        assertStatus(
                Smb2Status.STATUS_SHARING_VIOLATION, completes(p, "B's open").status(), "after the H break");
    }

    @Test
    @Requirement("R-SMB-31")
    void create_shareConflictOnRw_immediateSharingViolationNoBreak(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        a.create(Smb2Create.file(f).share(Smb2Create.SHARE_READ).lease(Lease.v1(key(), RW)));
        long st = ctx.smb("B").createStatus(Smb2Create.file(f));
        assertStatus(Smb2Status.STATUS_SHARING_VIOLATION, st, "share conflict with an RW holder");
        assertNoBreak(a, "no H to break: no notification");
    }

    @Test
    @Requirement({"R-SMB-32", "R-SMB-47"})
    void create_overwriteOnRh_breaksToNoneAckRequiredWithoutWaiting(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RH);
        Smb2Open b = ctx.smb("B").create(Smb2Create.file(f).disposition(Smb2Create.OVERWRITE_IF));
        assertEquals(3, b.createAction(), "OVERWRITE_IF of an existing file: OVERWRITTEN");
        LeaseBreak lb = expectLeaseBreak(a, k, RH, 0);
        assertTrue(lb.ackRequired(), "RH→NONE still requires an ack (H was held)");
        Smb2Message ack = a.leaseAck(k, 0);
        assertStatus(Smb2Status.STATUS_SUCCESS, ack.status(), "the late ack after the overwrite completed");
    }

    @Test
    @Requirement("R-SMB-32")
    void create_overwriteOnRwh_breaksToNoneAndWaits(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f).disposition(Smb2Create.OVERWRITE_IF));
        expectLeaseBreak(a, k, RWH, 0);
        assertHeld(p, "an overwrite of a W holder");
        a.leaseAck(k, 0);
        completes(p, "the overwrite after the ack");
    }

    @Test
    @Requirement({"R-SMB-33", "R-SMB-47"})
    void write_otherKeyOnR_breaksToNoneWithoutAckAndNeverSelf(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k1 = key();
        UUID k2 = key();
        Smb2Client a = ctx.smb("A");
        Smb2Client b = ctx.smb("B");
        Smb2Open oa = lease(a, f, k1, R);
        Smb2Open ob = lease(b, f, k2, R);
        assertStatus(Smb2Status.STATUS_SUCCESS, b.write(ob.fileId(), 0, new byte[] {1, 2, 3}), "B's write");
        LeaseBreak lb = expectLeaseBreak(a, k1, R, 0);
        assertFalse(lb.ackRequired(), "R→NONE needs no ack");
        assertNoBreak(b, "a lease is never broken by its own key's write");
        assertStatus(Smb2Status.STATUS_SUCCESS, a.write(oa.fileId(), 0, new byte[] {4}), "A's write");
        expectLeaseBreak(b, k2, R, 0);
    }

    @Test
    @Requirement("R-SMB-33")
    void write_setEndOfFileOnRh_breaksToNone(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RH);
        Smb2Client b = ctx.smb("B");
        Smb2Open ob = b.create(Smb2Create.file(f));
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                b.setInfo(ob.fileId(), Smb2Client.FILE_END_OF_FILE_INFORMATION, Smb2Client.endOfFileInfo(10)),
                "SET_INFO EndOfFile");
        expectLeaseBreak(a, k, RH, 0);
    }

    @Test
    @Requirement("R-SMB-33")
    void write_levelIIHolderItself_breaksItsOwnLevelII(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f).oplock(OPLOCK_BATCH));
        assertOplock(OPLOCK_II, a.awaitOplockBreak(EVENT).level(), "BATCH to II");
        a.oplockAck(batch.fileId(), OPLOCK_II);
        Smb2Open ob = b.created(Smb2Create.file(f), completes(p, "second open"));
        assertOplock(OPLOCK_II, ob.oplockLevel(), "second open gets II");
        assertStatus(Smb2Status.STATUS_SUCCESS, a.write(batch.fileId(), 0, new byte[] {1}), "A writes");
        OplockBreak self = a.awaitOplockBreak(EVENT);
        assertOplock(OPLOCK_NONE, self.level(), "A's own II broken by its own write");
        assertOplock(OPLOCK_NONE, b.awaitOplockBreak(EVENT).level(), "B's II broken too");
    }

    @Test
    @Requirement("R-SMB-34")
    void lock_otherKeyOnRh_breaksToNoneWithoutWaiting(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k1 = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k1, RH);
        Smb2Client b = ctx.smb("B");
        Smb2Open ob = lease(b, f, key(), RH);
        long st = b.lock(ob.fileId(), 0, 10, Smb2Client.LOCK_EXCLUSIVE | Smb2Client.LOCK_FAIL_IMMEDIATELY);
        assertStatus(Smb2Status.STATUS_SUCCESS, st, "B's lock completes without waiting for A");
        LeaseBreak lb = expectLeaseBreak(a, k1, RH, 0);
        assertTrue(lb.ackRequired(), "RH→NONE requires an ack");
        assertNoBreak(b, "the locking key keeps its lease");
    }

    @Test
    @Requirement("R-SMB-34")
    void lock_levelIIHolderItself_breaksItsOwnLevelII(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        assertOplock(OPLOCK_II, a.awaitOplockBreak(EVENT).level(), "BATCH to II");
        a.oplockAck(batch.fileId(), OPLOCK_II);
        completes(p, "second open");
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                a.lock(batch.fileId(), 0, 1, Smb2Client.LOCK_EXCLUSIVE | Smb2Client.LOCK_FAIL_IMMEDIATELY),
                "A locks");
        assertOplock(OPLOCK_NONE, a.awaitOplockBreak(EVENT).level(), "A's own II broken by its own lock");
    }

    @Test
    @Requirement("R-SMB-35")
    void rename_otherKeyOnRh_breaksHAndHoldsUntilAck(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        String g = ctx.name("g");
        UUID k1 = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k1, RH);
        Smb2Client b = ctx.smb("B");
        Smb2Open ob = b.create(Smb2Create.file(f)
                .access(Smb2Create.GENERIC_RW | Smb2Create.DELETE)
                .lease(Lease.v1(key(), RH)));
        Pending p = b.setInfoAsync(ob.fileId(), Smb2Client.FILE_RENAME_INFORMATION, Smb2Client.renameInfo(g, false));
        expectLeaseBreak(a, k1, RH, R);
        assertHeld(p, "the rename");
        assertStatus(
                Smb2Status.STATUS_OBJECT_NAME_NOT_FOUND,
                ctx.smb("C").createStatus(Smb2Create.stat(g).disposition(Smb2Create.OPEN)),
                "the destination does not exist while the rename waits");
        a.leaseAck(k1, R);
        assertStatus(Smb2Status.STATUS_SUCCESS, completes(p, "rename").status(), "rename after the ack");
    }

    @Test
    @Requirement("R-SMB-35")
    void deleteOnClose_otherKeyOnRh_breaksH(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k1 = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k1, RH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f)
                .access(Smb2Create.DELETE | Smb2Create.FILE_READ_ATTRIBUTES)
                .disposition(Smb2Create.OPEN)
                .options(Smb2Create.NON_DIRECTORY_FILE | Smb2Create.DELETE_ON_CLOSE));
        expectLeaseBreak(a, k1, RH, R);
        a.leaseAck(k1, R);
        assertStatus(Smb2Status.STATUS_SUCCESS, completes(p, "delete open").status(), "open for delete after the ack");
    }

    @Test
    @Requirement("R-SMB-36")
    void rename_byHoldersOwnKey_noBreak(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        Smb2Open o = a.create(Smb2Create.file(f)
                .access(Smb2Create.GENERIC_RW | Smb2Create.DELETE)
                .lease(Lease.v1(k, RH)));
        long st =
                a.setInfo(o.fileId(), Smb2Client.FILE_RENAME_INFORMATION, Smb2Client.renameInfo(ctx.name("g"), false));
        assertStatus(Smb2Status.STATUS_SUCCESS, st, "rename through the holder's own handle");
        assertNoBreak(a, "a rename by the holder's key does not break it");
    }

    @Test
    @Requirement("R-SMB-37")
    void queryInfoAndBasicSetInfo_otherOpen_noBreak(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        lease(a, f, key(), RWH);
        Smb2Client b = ctx.smb("B");
        Smb2Open st = b.create(Smb2Create.stat(f)
                .access(Smb2Create.FILE_READ_ATTRIBUTES | Smb2Create.FILE_WRITE_ATTRIBUTES | Smb2Create.SYNCHRONIZE));
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                b.queryInfo(st.fileId(), Smb2Client.FILE_ALL_INFORMATION).status(),
                "QUERY_INFO");
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                b.setInfo(st.fileId(), Smb2Client.FILE_BASIC_INFORMATION, Smb2Client.basicInfo(0)),
                "SET_INFO FileBasicInformation");
        assertNoBreak(a, "QUERY_INFO and basic-info SET_INFO never break");
    }

    @Test
    @Requirement("R-SMB-38")
    void rename_destinationParentOpenWithDelete_sharingViolationNoBreak(SuiteContext ctx) throws Exception {
        String d = ctx.name("d");
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        a.close(a.create(Smb2Create.directory(d)).fileId());
        Smb2Client b = ctx.smb("B");
        b.create(Smb2Create.directory(d)
                .access(Smb2Create.GENERIC_READ | Smb2Create.DELETE)
                .disposition(Smb2Create.OPEN));
        Smb2Open o = a.create(Smb2Create.file(f)
                .access(Smb2Create.GENERIC_RW | Smb2Create.DELETE)
                .oplock(OPLOCK_BATCH));
        long st =
                a.setInfo(o.fileId(), Smb2Client.FILE_RENAME_INFORMATION, Smb2Client.renameInfo(d + "\\" + "g", false));
        assertStatus(Smb2Status.STATUS_SHARING_VIOLATION, st, "rename into a directory another open holds with DELETE");
        assertNoBreak(a, "the refused rename breaks nothing");
    }

    @Test
    @Requirement("R-SMB-39")
    void create_attributeOnlyOverwriteIf_isNotStatAndBreaks(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Pending p = ctx.smb("B")
                .createAsync(Smb2Create.file(f)
                        .access(Smb2Create.FILE_READ_ATTRIBUTES | Smb2Create.SYNCHRONIZE)
                        .disposition(Smb2Create.OVERWRITE_IF));
        OplockBreak ob = a.awaitOplockBreak(EVENT);
        ctx.note("break", ob.toString());
        a.oplockAck(batch.fileId(), ob.level());
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                completes(p, "attribute-only overwrite").status(),
                "overwrite open");
    }

    @Test
    @Requirement("R-SMB-40")
    void create_readControlOnly_breaksBatchButNotLease(SuiteContext ctx) throws Exception {
        int readControl = Smb2Create.READ_CONTROL | Smb2Create.FILE_READ_ATTRIBUTES | Smb2Create.SYNCHRONIZE;
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        lease(a, f, key(), RWH);
        ctx.smb("B").create(Smb2Create.file(f).access(readControl).disposition(Smb2Create.OPEN));
        assertNoBreak(a, "READ_CONTROL is a stat access for leases");
        String g = ctx.name("g");
        Smb2Client c = ctx.smb("C");
        Smb2Open batch = oplock(c, g, OPLOCK_BATCH);
        Pending p =
                ctx.smb("D").createAsync(Smb2Create.file(g).access(readControl).disposition(Smb2Create.OPEN));
        OplockBreak ob = c.awaitOplockBreak(EVENT);
        assertOplock(OPLOCK_II, ob.level(), "READ_CONTROL breaks BATCH (not a stat access for oplocks)");
        c.oplockAck(batch.fileId(), OPLOCK_II);
        completes(p, "the READ_CONTROL open");
    }

    // =============================================================================================
    // Notifications

    @Test
    @Requirement("R-SMB-45")
    void oplockBreak_notification_formatPerSpec(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        OplockBreak ob = a.awaitOplockBreak(EVENT);
        Smb2Message m = ob.message();
        assertEquals(24, m.structureSize(), "StructureSize");
        assertEquals(24, m.bodyLength(), "body length");
        assertEquals(Smb2Message.UNSOLICITED, m.messageId(), "MessageId 0xFFFFFFFFFFFFFFFF");
        assertEquals(0, m.treeId(), "TreeId 0");
        assertEquals(a.sessionId(), m.sessionId(), "SessionId of the open's session");
        assertFalse(m.signed(), "unsigned");
        assertArrayEquals(new byte[16], m.signature(), "Signature zero");
        assertFalse(m.async(), "no ASYNC flag");
        assertEquals(batch.fileId(), ob.fileId(), "FileId of the open");
        assertTrue(ob.level() == OPLOCK_II || ob.level() == OPLOCK_NONE, "level 0x01 or 0x00: " + ob);
        a.oplockAck(batch.fileId(), ob.level());
        completes(p, "B's open");
    }

    @Test
    @Requirement({"R-SMB-46", "R-SMB-47"})
    void leaseBreak_notification_formatPerSpec(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        LeaseBreak lb = a.awaitLeaseBreak(EVENT);
        Smb2Message m = lb.message();
        assertEquals(44, m.structureSize(), "StructureSize");
        assertEquals(44, m.bodyLength(), "body length");
        assertEquals(Smb2Message.UNSOLICITED, m.messageId(), "MessageId 0xFFFFFFFFFFFFFFFF");
        assertEquals(0, m.sessionId(), "SessionId 0");
        assertEquals(0, m.treeId(), "TreeId 0");
        assertFalse(m.signed(), "unsigned");
        assertArrayEquals(new byte[16], m.signature(), "Signature zero");
        assertEquals(0, lb.breakReason(), "BreakReason");
        assertEquals(0, lb.accessMaskHint(), "AccessMaskHint");
        assertEquals(0, lb.shareMaskHint(), "ShareMaskHint");
        assertLease(RWH, lb.current(), "CurrentLeaseState is the pre-break state");
        assertTrue(lb.ackRequired(), "ACK_REQUIRED with W or H held");
        a.leaseAck(k, lb.newState());
        completes(p, "B's open");
    }

    @Test
    @Requirement({"R-SMB-47", "R-SMB-52"})
    void leaseBreak_fromR_noAckFlagAndAckUnsuccessful(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, R);
        Smb2Client b = ctx.smb("B");
        Smb2Open ob = b.create(Smb2Create.file(f).disposition(Smb2Create.OVERWRITE_IF));
        LeaseBreak lb = expectLeaseBreak(a, k, R, 0);
        assertEquals(0, lb.flags(), "Flags 0 for R→NONE");
        assertEquals(3, ob.createAction(), "the overwrite did not wait");
        assertStatus(Smb2Status.STATUS_UNSUCCESSFUL, a.leaseAck(k, 0).status(), "an ack nobody asked for");
    }

    @Test
    @Requirement("R-SMB-48")
    void leaseBreak_v1V2And21Leases_epochZeroOrIncremented(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        String f1 = ctx.name("f1");
        UUID k1 = key();
        lease(a, f1, k1, RWH);
        Pending p1 = ctx.smb("B").createAsync(Smb2Create.file(f1));
        assertEquals(0, expectLeaseBreak(a, k1, RWH, RH).newEpoch(), "NewEpoch of a v1 lease");
        a.leaseAck(k1, RH);
        completes(p1, "B's open");
        String f2 = ctx.name("f2");
        UUID k2 = key();
        Smb2Open v2 = leaseV2(a, f2, k2, RWH, 10);
        assertEquals(11, v2.lease().epoch(), "a new v2 lease has the request's epoch + 1");
        Pending p2 = ctx.smb("C").createAsync(Smb2Create.file(f2));
        assertEquals(12, expectLeaseBreak(a, k2, RWH, RH).newEpoch(), "NewEpoch = epoch + 1");
        a.leaseAck(k2, RH);
        completes(p2, "C's open");
        Smb2Client v21 = ctx.smb("A21", Smb2Client.Options.defaults().dialects(Smb2Client.SMB_2_1));
        String f3 = ctx.name("f3");
        UUID k3 = key();
        lease(v21, f3, k3, RWH);
        Pending p3 = ctx.smb("D").createAsync(Smb2Create.file(f3));
        assertEquals(0, expectLeaseBreak(v21, k3, RWH, RH).newEpoch(), "NewEpoch on a 2.1 connection");
        v21.leaseAck(k3, RH);
        completes(p3, "D's open");
    }

    @Test
    @Requirement("R-SMB-49")
    void levelIIBreak_toNone_expectsNoAck(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        assertOplock(OPLOCK_II, a.awaitOplockBreak(EVENT).level(), "BATCH to II");
        a.oplockAck(batch.fileId(), OPLOCK_II);
        Smb2Open ob = b.created(Smb2Create.file(f), completes(p, "B"));
        b.write(ob.fileId(), 0, new byte[] {1});
        assertOplock(OPLOCK_NONE, a.awaitOplockBreak(EVENT).level(), "II to none");
        long st = a.oplockAck(batch.fileId(), OPLOCK_NONE).status();
        assertTrue(
                st == Smb2Status.STATUS_INVALID_OPLOCK_PROTOCOL || st == Smb2Status.STATUS_INVALID_DEVICE_STATE,
                "an ack of a II→none break is refused (nothing is breaking): " + Smb2Status.name(st));
    }

    @Test
    @Requirement("R-SMB-50")
    void leaseBreak_twoConnectionsOfOneClientGuid_deliveredOnceOnEither(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a1 = ctx.smb("A1");
        Smb2Client a2 = ctx.smb("A2", Smb2Client.Options.defaults().clientGuid(a1.clientGuid()));
        lease(a1, f, k, RWH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        io.interlock.suite.SuiteClock.awaitReal(
                EVENT,
                () -> a1.pendingNotifications().size()
                                + a2.pendingNotifications().size()
                        > 0,
                "a lease break on a connection of the ClientGuid");
        Smb2Client got = a1.pendingNotifications().isEmpty() ? a2 : a1;
        Smb2Client other = got == a1 ? a2 : a1;
        expectLeaseBreak(got, k, RWH, RH);
        got.leaseAck(k, RH);
        completes(p, "B's open");
        assertNoBreak(other, "one notification for the lease, not one per connection");
    }

    @Test
    @Requirement("R-SMB-50")
    void oplockBreak_twoConnectionsOfOneClientGuid_deliveredOnTheOpensConnection(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a1 = ctx.smb("A1");
        Smb2Client a2 = ctx.smb("A2", Smb2Client.Options.defaults().clientGuid(a1.clientGuid()));
        Smb2Open batch = oplock(a2, f, OPLOCK_BATCH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        OplockBreak ob = a2.awaitOplockBreak(EVENT);
        a2.oplockAck(batch.fileId(), ob.level());
        completes(p, "B's open");
        assertNoBreak(a1, "an oplock break goes to the open's connection only");
    }

    // =============================================================================================
    // Acknowledgments

    @Test
    @Requirement("R-SMB-51")
    void breakAck_structureSizeNeither24Nor36_invalidParameter(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 30);
        assertStatus(
                Smb2Status.STATUS_INVALID_PARAMETER, a.rawBreakAck(b.array()).status(), "StructureSize 30");
    }

    @Test
    @Requirement("R-SMB-51")
    void breakAck_sizes24And36_toldApart(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        // 24 bytes for an open that is not breaking: an oplock-ack error, not a lease-ack one
        long oplockSt = a.oplockAck(batch.fileId(), OPLOCK_II).status();
        assertTrue(
                oplockSt == Smb2Status.STATUS_INVALID_OPLOCK_PROTOCOL
                        || oplockSt == Smb2Status.STATUS_INVALID_DEVICE_STATE,
                "24-byte ack handled as an oplock ack: " + Smb2Status.name(oplockSt));
        // 36 bytes for an unknown lease key: a lease-ack error
        assertStatus(
                Smb2Status.STATUS_OBJECT_NAME_NOT_FOUND, a.leaseAck(key(), 0).status(), "36-byte ack as a lease ack");
    }

    @Test
    @Requirement("R-SMB-52")
    void leaseAck_unknownKey_objectNameNotFound(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        lease(a, ctx.name("f"), key(), RWH);
        assertStatus(
                Smb2Status.STATUS_OBJECT_NAME_NOT_FOUND, a.leaseAck(key(), 0).status(), "ack of an unknown key");
    }

    @Test
    @Requirement("R-SMB-52")
    void leaseAck_notBreaking_unsuccessful(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        lease(a, ctx.name("f"), k, RWH);
        assertStatus(Smb2Status.STATUS_UNSUCCESSFUL, a.leaseAck(k, RH).status(), "ack while not breaking");
    }

    @Test
    @Requirement("R-SMB-52")
    void leaseAck_statesAboveBreakTo_requestNotAcceptedAndStillBreaking(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f).disposition(Smb2Create.OVERWRITE_IF));
        expectLeaseBreak(a, k, RWH, 0);
        for (int bad : new int[] {RWH, RW, W | H, RH, W, H, R}) {
            assertStatus(
                    Smb2Status.STATUS_REQUEST_NOT_ACCEPTED,
                    a.leaseAck(k, bad).status(),
                    "ack of " + Lease.bits(bad) + " to a NONE break");
        }
        assertFalse(p.isDone(), "the lease is still breaking: the overwrite still waits");
        assertStatus(Smb2Status.STATUS_SUCCESS, a.leaseAck(k, 0).status(), "the right ack");
        assertStatus(Smb2Status.STATUS_UNSUCCESSFUL, a.leaseAck(k, 0).status(), "a second ack");
        completes(p, "the overwrite");
    }

    @Test
    @Requirement("R-SMB-53")
    void leaseAck_belowBreakTo_acceptedWithResultingState(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        Smb2Message ack = a.leaseAck(k, 0);
        assertStatus(Smb2Status.STATUS_SUCCESS, ack.status(), "ack of NONE to an RH break");
        ByteBuffer body = ack.body();
        assertEquals(36, ack.structureSize(), "response StructureSize");
        assertEquals(0, body.getInt(4), "response Flags");
        assertEquals(0, body.getInt(24), "response LeaseState NONE");
        assertEquals(0, body.getLong(28), "response LeaseDuration");
        completes(p, "B's open");
    }

    @Test
    @Requirement("R-SMB-54")
    void leaseAck_onAnotherConnectionOfTheClientGuid_accepted(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a1 = ctx.smb("A1");
        lease(a1, f, k, RWH);
        Smb2Client a2 = ctx.smb("A2", Smb2Client.Options.defaults().clientGuid(a1.clientGuid()));
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        io.interlock.suite.SuiteClock.awaitReal(
                EVENT,
                () -> a1.pendingNotifications().size()
                                + a2.pendingNotifications().size()
                        > 0,
                "the lease break");
        Smb2Client notified = a1.pendingNotifications().isEmpty() ? a2 : a1;
        Smb2Client acker = notified == a1 ? a2 : a1;
        expectLeaseBreak(notified, k, RWH, RH);
        assertStatus(Smb2Status.STATUS_SUCCESS, acker.leaseAck(k, RH).status(), "ack on the other connection");
        completes(p, "B's open");
    }

    @Test
    @Requirement("R-SMB-55")
    void oplockAck_unknownFileId_fileClosed(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        oplock(a, ctx.name("f"), OPLOCK_BATCH);
        long st = a.oplockAck(new Smb2FileId(0x1234567L, 0x7654321L), OPLOCK_II).status();
        assertStatus(Smb2Status.STATUS_FILE_CLOSED, st, "oplock ack of an unknown FileId");
    }

    @Test
    @Requirement("R-SMB-55")
    void oplockAck_notBreaking_invalidDeviceStateOrOplockProtocol(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        Smb2Open o = oplock(a, ctx.name("f"), OPLOCK_BATCH);
        long st = a.oplockAck(o.fileId(), OPLOCK_II).status();
        assertTrue(
                st == Smb2Status.STATUS_INVALID_DEVICE_STATE || st == Smb2Status.STATUS_INVALID_OPLOCK_PROTOCOL,
                "ack with no break outstanding: " + Smb2Status.name(st));
    }

    @Test
    @Requirement("R-SMB-55")
    void oplockAck_level0xFF_invalidParameter(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        a.awaitOplockBreak(EVENT);
        assertStatus(
                Smb2Status.STATUS_INVALID_PARAMETER,
                a.oplockAck(batch.fileId(), 0xFF).status(),
                "ack level 0xFF");
        completes(p, "B's open: the oplock dropped to NONE");
    }

    @Test
    @Requirement("R-SMB-55")
    void oplockAck_exclusiveLevel_invalidOplockProtocol(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        a.awaitOplockBreak(EVENT);
        assertStatus(
                Smb2Status.STATUS_INVALID_OPLOCK_PROTOCOL,
                a.oplockAck(batch.fileId(), OPLOCK_EXCLUSIVE).status(),
                "ack to EXCLUSIVE");
        completes(p, "B's open: the oplock dropped to NONE");
    }

    @Test
    @Requirement("R-SMB-56")
    void oplockAck_valid_24BytesWithResultingLevel(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        Smb2Client a = ctx.smb("A");
        Smb2Open batch = oplock(a, f, OPLOCK_BATCH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        OplockBreak ob = a.awaitOplockBreak(EVENT);
        assertOplock(OPLOCK_II, ob.level(), "BATCH to II");
        Smb2Message ack = a.oplockAck(batch.fileId(), OPLOCK_II);
        assertStatus(Smb2Status.STATUS_SUCCESS, ack.status(), "valid ack");
        assertEquals(24, ack.structureSize(), "response StructureSize");
        int level = Byte.toUnsignedInt(ack.body().get(2));
        assertOplock(OPLOCK_II, level, "resulting level");
        assertTrue(level <= ob.level(), "never above the notified level");
        assertEquals(batch.fileId(), Smb2FileId.class.cast(readFileId(ack)), "FileId echoed");
        completes(p, "B's open");
    }

    private static Smb2FileId readFileId(Smb2Message m) {
        ByteBuffer b = m.body();
        return new Smb2FileId(b.getLong(8), b.getLong(16));
    }

    @Test
    @Requirement({"R-SMB-57", "R-SMB-58", "R-SMB-60"})
    void leaseAck_stillAboveWhatWaitersNeed_followUpBreaksKeepTheEpoch(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        assertEquals(1, leaseV2(a, f, k, RWH, 0).lease().epoch(), "new lease: epoch 0 + 1");
        Pending open = ctx.smb("B").createAsync(Smb2Create.file(f));
        LeaseBreak first = expectLeaseBreak(a, k, RWH, RH);
        assertEquals(2, first.newEpoch(), "first break: epoch + 1");
        Pending overwrite = ctx.smb("C").createAsync(Smb2Create.file(f).disposition(Smb2Create.OVERWRITE_IF));
        assertNoBreak(a, "a second conflict while breaking sends no further notification");
        a.leaseAck(k, RH);
        LeaseBreak second = expectLeaseBreak(a, k, RH, R);
        assertTrue(second.ackRequired(), "RH→R needs an ack");
        assertEquals(2, second.newEpoch(), "a follow-up break keeps the epoch");
        a.leaseAck(k, R);
        LeaseBreak third = expectLeaseBreak(a, k, R, 0);
        assertFalse(third.ackRequired(), "R→NONE needs none");
        assertEquals(2, third.newEpoch(), "a follow-up break keeps the epoch");
        completes(open, "B's open");
        completes(overwrite, "C's overwrite");
    }

    // =============================================================================================
    // Epoch

    @Test
    @Requirement("R-SMB-60")
    void create_v2Epochs_newPlusOneUpgradePlusOneSameStateUnchanged(SuiteContext ctx) throws Exception {
        Smb2Client a = ctx.smb("A");
        UUID k = key();
        String f = ctx.name("f");
        assertEquals(8, leaseV2(a, f, k, RH, 7).lease().epoch(), "new lease: request epoch + 1");
        assertEquals(8, leaseV2(a, f, k, RH, 100).lease().epoch(), "same-state open: unchanged, request ignored");
        assertEquals(9, leaseV2(a, f, k, RWH, 100).lease().epoch(), "upgrade: + 1");
        Smb2Open v1 = lease(a, f, k, RWH);
        assertEquals(9, v1.lease().epoch(), "v1 same-state open of the v2 lease: unchanged");
        String g = ctx.name("g");
        UUID k2 = key();
        assertEquals(0, leaseV2(a, g, k2, RH, 0xFFFF).lease().epoch(), "epoch wraps modulo 2^16");
    }

    // =============================================================================================
    // Pending operations and timeouts

    @Test
    @Requirement("R-SMB-65")
    void create_heldOnBreak_interimPendingThenFinalWithSameIds(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        Smb2Message interim = p.awaitInterim(EVENT);
        assertStatus(Smb2Status.STATUS_PENDING, interim.status(), "interim status");
        assertTrue(interim.async(), "interim has ASYNC_COMMAND");
        assertNotEquals(0L, interim.asyncId(), "AsyncId");
        assertEquals(p.messageId(), interim.messageId(), "interim MessageId is the request's");
        assertEquals(9, interim.structureSize(), "interim body is an ERROR response");
        a.leaseAck(k, RH);
        Smb2Message fin = completes(p, "B's open");
        assertStatus(Smb2Status.STATUS_SUCCESS, fin.status(), "final status");
        assertTrue(fin.async(), "final response carries ASYNC_COMMAND");
        assertEquals(interim.asyncId(), fin.asyncId(), "final AsyncId equals the interim one");
        assertEquals(p.messageId(), fin.messageId(), "final MessageId is the request's");
    }

    @Test
    @Requirement("R-SMB-66")
    void cancel_pendingCreate_cancelledAndLeaseUntouched(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        p.awaitInterim(EVENT);
        b.cancel(p);
        assertStatus(
                Smb2Status.STATUS_CANCELLED, completes(p, "the cancelled open").status(), "after CANCEL");
        assertStatus(Smb2Status.STATUS_SUCCESS, a.leaseAck(k, RH).status(), "the holder still acks its break");
        assertLease(RH, lease(a, f, k, RH).leaseState(), "the holder keeps the acked state");
    }

    @Test
    @Requirement("R-SMB-66")
    void create_waiterDisconnects_holderStateUndisturbed(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        p.awaitInterim(EVENT);
        b.abort();
        assertStatus(Smb2Status.STATUS_SUCCESS, a.leaseAck(k, RH).status(), "the holder's ack");
        Smb2Open again = lease(a, f, k, RH);
        assertLease(RH, again.leaseState(), "the holder's lease after the waiter vanished");
        assertStatus(Smb2Status.STATUS_SUCCESS, a.echo(), "the server still serves the holder");
    }

    @Test
    @Requirement("R-SMB-67")
    void breakTimer_noAck_openWaitsAtLeast35Seconds(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Pending p = ctx.smb("B").createAsync(Smb2Create.file(f));
        expectLeaseBreak(a, k, RWH, RH);
        p.awaitInterim(EVENT);
        ctx.clock()
                .assertNotWithin(
                        BREAK_TIMEOUT.minusSeconds(1), p::isDone, "the open completed before the 35 s break timer");
        ctx.clock().awaitWithin(Duration.ofSeconds(2), p::isDone, "the open completes once the break timer ran out");
        assertStatus(Smb2Status.STATUS_SUCCESS, completes(p, "B's open").status(), "B's open after the timeout");
    }

    @Test
    @Requirement({"R-SMB-68", "R-SMB-67"})
    void breakTimer_expires_leaseNoneAndLateAckUnsuccessful(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        UUID kb = key();
        Pending p = b.createAsync(Smb2Create.file(f).lease(Lease.v1(kb, RWH)));
        expectLeaseBreak(a, k, RWH, RH);
        ctx.clock().awaitWithin(BREAK_TIMEOUT.plusSeconds(1), p::isDone, "the waiting open resumes after the timeout");
        Smb2Open ob = b.created(Smb2Create.file(f), completes(p, "B's open"));
        assertLease(RH, ob.leaseState(), "B's grant beside the timed-out holder");
        assertStatus(Smb2Status.STATUS_UNSUCCESSFUL, a.leaseAck(k, RH).status(), "a late ack");
        Smb2Open again = lease(a, f, k, 0);
        assertLease(0, again.leaseState(), "the timed-out lease is NONE, not the break target");
    }

    @Test
    @Requirement("R-SMB-69")
    void close_holderDuringBreak_waiterResumesAtOnceWithFullState(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        Smb2Open oa = lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f).lease(Lease.v1(key(), RWH)));
        expectLeaseBreak(a, k, RWH, RH);
        assertHeld(p, "the open");
        a.close(oa.fileId());
        Smb2Open ob = b.created(Smb2Create.file(f), completes(p, "B's open after the holder closed"));
        assertLease(RWH, ob.leaseState(), "the full requested state once the holder is gone");
    }

    @Test
    @Requirement("R-SMB-70")
    void create_holdersConnectionLost_neverHeldForTheBreakTimer(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        a.abort();
        Smb2Client b = ctx.smb("B");
        Pending p = b.createAsync(Smb2Create.file(f).lease(Lease.v1(key(), RWH)));
        // no time passes on the server's clock: the holder's opens are gone with its connection
        Smb2Open ob = b.created(Smb2Create.file(f), completes(p, "the open after the holder's connection died"));
        assertLease(RWH, ob.leaseState(), "nothing is left to break");
    }

    @Test
    @Requirement("R-SMB-71")
    void compound_createWaitingOnBreak_onlyItGoesAsync(SuiteContext ctx) throws Exception {
        String f = ctx.name("f");
        UUID k = key();
        Smb2Client a = ctx.smb("A");
        lease(a, f, k, RWH);
        Smb2Client b = ctx.smb("B");
        ByteBuffer close = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        close.putShort((short) 24).putShort((short) 0).putInt(0);
        close.putLong(-1L).putLong(-1L); // FileId of the related CREATE
        List<Pending> chain = b.sendChain(List.of(
                new Smb2Client.Request(Smb2Client.CREATE, Smb2Create.file(f).encodeBody()),
                new Smb2Client.Request(Smb2Client.CLOSE, close.array(), Smb2Message.FLAG_RELATED, null)));
        expectLeaseBreak(a, k, RWH, RH);
        Smb2Message interim = chain.get(0).awaitInterim(EVENT);
        assertStatus(Smb2Status.STATUS_PENDING, interim.status(), "the CREATE waiting on the break goes async");
        a.leaseAck(k, RH);
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                completes(chain.get(0), "compounded CREATE").status(),
                "CREATE");
        assertStatus(
                Smb2Status.STATUS_SUCCESS,
                completes(chain.get(1), "related CLOSE").status(),
                "related CLOSE");
        assertFalse(chain.get(1).interim().isDone(), "the CLOSE element itself never went async");
    }
}
