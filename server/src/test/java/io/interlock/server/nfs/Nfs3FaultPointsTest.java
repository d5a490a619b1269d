package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.lock.AckResult;
import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.faults.Fault;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.Nfs3Xdr;
import io.interlock.server.runtime.BreakPolicy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NFS-side fault points against the real NFSv3 handlers, in-memory store and lock manager, with
 * SMB lease holders behind a recording BreakNotifier (what the SMB adapter would put on the wire).
 * Each test runs the same operation with the fault off (the correct behaviour) and on (the bug).
 * Policy NOTIFY, so no operation waits for an ack; virtual clock for the break timer.
 */
class Nfs3FaultPointsTest {
    private final Nfs3Harness h = new Nfs3Harness(BreakPolicy.NOTIFY);
    private final Nfs3Ops nfs = h.ops;
    private final List<LeaseBreakNotice> notices = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static FileId idOf(byte[] fh) {
        return new FileId(ByteBuffer.wrap(fh).getLong(8));
    }

    /** A file with {@code data}, created over NFS. */
    private byte[] file(byte[] dir, String name, byte[] data) throws Exception {
        byte[] fh = nfs.create(dir, name);
        assertThat(nfs.writeRes(fh, 0, data, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        return fh;
    }

    /** A v2 lease of a new SMB client on {@code fh}, granted exactly {@code state}. */
    private LeaseKey lease(byte[] fh, int state, boolean directory) {
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        h.locks.requestLease(new LeaseRequest(idOf(fh), key, state, 2, 0, directory, notices::add));
        assertThat(h.locks.lease(key).orElseThrow().state()).isEqualTo(state);
        return key;
    }

    private List<LeaseBreakNotice> noticesFor(LeaseKey key) {
        return notices.stream().filter(n -> n.key().equals(key)).toList();
    }

    private LockManager.LeaseView view(LeaseKey key) {
        return h.locks.lease(key).orElseThrow();
    }

    private Nfs3Ops.Res setSize(byte[] fh, long size) throws Exception {
        return nfs.call(2, w -> {
            w.writeOpaque(fh);
            Nfs3Xdr.writeSattr3(w, SetAttributes.size(size));
            w.writeBoolean(false); // no guard
        });
    }

    // ---- READ_BREAK_DROPS_HANDLE (R-XP-3)

    @Test
    void read_rwhLease_breaksToRh_withReadBreakDropsHandle_breaksToR() throws Exception {
        byte[] good = file(h.root, "good", new byte[] {1});
        LeaseKey k1 = lease(good, LeaseState.RWH, false);
        nfs.read(good, 0, 10);
        assertThat(noticesFor(k1)).singleElement().satisfies(n -> {
            assertThat(n.newState()).isEqualTo(LeaseState.RH);
            assertThat(n.ackRequired()).isTrue();
        });
        assertThat(h.locks.acknowledge(k1, LeaseState.RH)).isEqualTo(AckResult.OK);

        h.faults.enable(Fault.READ_BREAK_DROPS_HANDLE);
        byte[] bad = file(h.root, "bad", new byte[] {1});
        LeaseKey k2 = lease(bad, LeaseState.RWH, false);
        nfs.read(bad, 0, 10);
        assertThat(noticesFor(k2)).singleElement().satisfies(n -> assertThat(n.newState())
                .isEqualTo(LeaseState.READ));
        // the holder cannot keep its handle cache: acknowledging RH is refused
        assertThat(h.locks.acknowledge(k2, LeaseState.RH)).isEqualTo(AckResult.STATE_NOT_ALLOWED);
        assertThat(h.locks.acknowledge(k2, LeaseState.READ)).isEqualTo(AckResult.OK);
        assertThat(view(k2).state()).isEqualTo(LeaseState.READ);
    }

    // ---- SKIP_DIR_LEASE_BREAK (R-XP-5)

    @Test
    void createAndRenameInsideDirectory_breakDirectoryLeases_withSkipDirLeaseBreak_breakNone() throws Exception {
        byte[] d = nfs.mkdir(h.root, "D");
        byte[] e = nfs.mkdir(h.root, "E");
        LeaseKey onD = lease(d, LeaseState.RH, true);
        assertThat(nfs.createRes(d, "x", 1, SetAttributes.NONE, null).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(onD)).singleElement().satisfies(n -> {
            assertThat(n.newState()).isEqualTo(LeaseState.NONE);
            assertThat(n.trigger()).isEqualTo(BreakTrigger.DIRECTORY_CHANGE);
        });
        h.locks.acknowledge(onD, LeaseState.NONE);
        h.locks.releaseLeaseOpen(onD);

        h.faults.enable(Fault.SKIP_DIR_LEASE_BREAK);
        LeaseKey d2 = lease(d, LeaseState.RH, true);
        LeaseKey e2 = lease(e, LeaseState.RH, true);
        assertThat(nfs.createRes(d, "y", 1, SetAttributes.NONE, null).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.renameRes(d, "y", e, "y").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(d2)).isEmpty();
        assertThat(noticesFor(e2)).isEmpty();
        assertThat(view(d2).state())
                .as("D's lease still caches a listing without y")
                .isEqualTo(LeaseState.RH);
        assertThat(view(e2).state()).isEqualTo(LeaseState.RH);
    }

    // ---- RENAME_TARGET_NOT_BROKEN (R-XP-4)

    @Test
    void renameOverExistingTarget_breaksBothLeases_withRenameTargetNotBroken_onlySource() throws Exception {
        byte[] src = file(h.root, "src", new byte[] {1});
        byte[] dst = file(h.root, "dst", new byte[] {2});
        LeaseKey s1 = lease(src, LeaseState.RWH, false);
        LeaseKey d1 = lease(dst, LeaseState.RWH, false);
        assertThat(nfs.renameRes(h.root, "src", h.root, "dst").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(s1)).singleElement().satisfies(n -> assertThat(n.newState())
                .isEqualTo(LeaseState.NONE));
        assertThat(noticesFor(d1)).singleElement().satisfies(n -> assertThat(n.newState())
                .isEqualTo(LeaseState.NONE));

        h.faults.enable(Fault.RENAME_TARGET_NOT_BROKEN);
        byte[] src2 = file(h.root, "src2", new byte[] {3});
        byte[] dst2 = file(h.root, "dst2", new byte[] {4});
        LeaseKey s2 = lease(src2, LeaseState.RWH, false);
        LeaseKey d2 = lease(dst2, LeaseState.RWH, false);
        assertThat(nfs.renameRes(h.root, "src2", h.root, "dst2").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(s2)).hasSize(1);
        assertThat(noticesFor(d2)).as("the replaced file's holder is not told").isEmpty();
        assertThat(view(d2).state()).isEqualTo(LeaseState.RWH);
    }

    // ---- SKIP_TRUNCATE_BREAK (R-XP-6)

    @Test
    void setattrSizeAndUncheckedCreate_breakLeases_withSkipTruncateBreak_truncateUnbroken() throws Exception {
        byte[] f = file(h.root, "f", new byte[] {1, 2, 3, 4});
        byte[] g = file(h.root, "g", new byte[] {1, 2, 3, 4});
        LeaseKey onF = lease(f, LeaseState.RWH, false);
        LeaseKey onG = lease(g, LeaseState.RWH, false);
        assertThat(setSize(f, 0).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.createRes(h.root, "g", 0, SetAttributes.size(0), null).status())
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(onF)).singleElement().satisfies(n -> assertThat(n.newState())
                .isEqualTo(LeaseState.NONE));
        assertThat(noticesFor(onG)).singleElement().satisfies(n -> assertThat(n.newState())
                .isEqualTo(LeaseState.NONE));

        h.faults.enable(Fault.SKIP_TRUNCATE_BREAK);
        byte[] f2 = file(h.root, "f2", new byte[] {1, 2, 3, 4});
        byte[] g2 = file(h.root, "g2", new byte[] {1, 2, 3, 4});
        LeaseKey onF2 = lease(f2, LeaseState.RWH, false);
        LeaseKey onG2 = lease(g2, LeaseState.RWH, false);
        assertThat(setSize(f2, 0).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.createRes(h.root, "g2", 0, SetAttributes.size(0), null).status())
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(onF2)).isEmpty();
        assertThat(noticesFor(onG2)).isEmpty();
        // the data is gone while both holders still cache it under RWH
        assertThat(nfs.getattr(f2).size()).isZero();
        assertThat(nfs.getattr(g2).size()).isZero();
        assertThat(view(onF2).state()).isEqualTo(LeaseState.RWH);
        // a plain WRITE still breaks: the fault is about size changes only
        assertThat(nfs.writeRes(f2, 0, new byte[] {9}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(onF2)).hasSize(1);
    }

    // ---- FAILED_OP_BREAKS (R-XP-12)

    @Test
    void writeAndRemoveOfDirectory_failWithoutBreaking_withFailedOpBreaks_failAfterBreaking() throws Exception {
        byte[] d = nfs.mkdir(h.root, "d");
        LeaseKey k1 = lease(d, LeaseState.RH, true);
        assertThat(nfs.writeRes(d, 0, new byte[] {1}, 2).status()).isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(nfs.removeRes(h.root, "d").status()).isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(noticesFor(k1)).isEmpty();
        assertThat(view(k1).state()).isEqualTo(LeaseState.RH);

        h.faults.enable(Fault.FAILED_OP_BREAKS);
        assertThat(nfs.writeRes(d, 0, new byte[] {1}, 2).status()).isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(noticesFor(k1)).singleElement().satisfies(n -> {
            assertThat(n.trigger()).isEqualTo(BreakTrigger.WRITE);
            assertThat(n.newState()).isEqualTo(LeaseState.NONE);
        });
        h.locks.acknowledge(k1, LeaseState.NONE);
        LeaseKey k2 = lease(d, LeaseState.RH, true);
        assertThat(nfs.removeRes(h.root, "d").status()).isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(noticesFor(k2)).singleElement().satisfies(n -> assertThat(n.trigger())
                .isEqualTo(BreakTrigger.DELETE));
    }

    // ---- NO_REVOKE_WITHOUT_WAITER (R-XP-15)

    @Test
    void writeBreaksRhLease_unacked_revokedAtTimeout_withNoRevokeWithoutWaiter_keptUntilAWaiterComes()
            throws Exception {
        byte[] f = file(h.root, "f", new byte[] {1});
        LeaseKey k1 = lease(f, LeaseState.RH, false);
        assertThat(nfs.writeRes(f, 0, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(k1)).singleElement().satisfies(n -> assertThat(n.ackRequired())
                .isTrue());
        h.clock.advance(Duration.ofSeconds(35));
        assertThat(view(k1).state()).isEqualTo(LeaseState.NONE);
        assertThat(view(k1).breaking()).isFalse();
        assertThat(h.locks.acknowledge(k1, LeaseState.NONE))
                .as("a late ack: STATUS_UNSUCCESSFUL on the wire")
                .isEqualTo(AckResult.NOT_BREAKING);
        assertThat(h.locks.breaksTimedOut()).isEqualTo(1);

        h.faults.enable(Fault.NO_REVOKE_WITHOUT_WAITER);
        byte[] g = file(h.root, "g", new byte[] {1});
        LeaseKey k2 = lease(g, LeaseState.RH, false);
        assertThat(nfs.writeRes(g, 0, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        h.clock.advance(Duration.ofSeconds(3600));
        assertThat(view(k2).breaking()).as("still breaking an hour later").isTrue();
        assertThat(view(k2).state()).isEqualTo(LeaseState.RH);
        assertThat(h.locks.breaksTimedOut()).isEqualTo(1);
        // an operation that waits for the break (as an SMB CREATE or an NLM LOCK does) bounds it again
        h.locks.breakFor(idOf(g), BreakTrigger.DELETE, BreakOrigin.nfs());
        h.clock.advance(Duration.ofSeconds(35));
        assertThat(view(k2).state())
                .as("revoked one timeout after a waiter came")
                .isEqualTo(LeaseState.NONE);
        assertThat(h.locks.breaksTimedOut()).isEqualTo(2);
    }

    @Test
    void readUnderNotify_unackedBreak_revokedAtTimeout_withNoRevokeWithoutWaiter_neverRevoked() throws Exception {
        byte[] f = file(h.root, "f", new byte[] {1});
        LeaseKey k1 = lease(f, LeaseState.RWH, false);
        nfs.read(f, 0, 10); // NOTIFY: the READ is answered at once, nothing waits for the break
        h.clock.advance(Duration.ofSeconds(35));
        assertThat(view(k1).state()).isEqualTo(LeaseState.NONE);

        h.faults.enable(Fault.NO_REVOKE_WITHOUT_WAITER);
        byte[] g = file(h.root, "g", new byte[] {1});
        LeaseKey k2 = lease(g, LeaseState.RWH, false);
        nfs.read(g, 0, 10);
        assertThat(noticesFor(k2)).singleElement().satisfies(n -> assertThat(n.newState())
                .isEqualTo(LeaseState.RH));
        h.clock.advance(Duration.ofSeconds(3600));
        assertThat(view(k2).breaking()).isTrue();
        assertThat(view(k2).state()).as("the holder may still cache writes").isEqualTo(LeaseState.RWH);
    }

    // ---- BREAK_ONE_HOLDER_ONLY (R-XP-2)

    @Test
    void write_twoHolders_breaksBoth_withBreakOneHolderOnly_breaksTheFirstOnly() throws Exception {
        byte[] f = file(h.root, "f", new byte[] {1});
        LeaseKey a = lease(f, LeaseState.READ, false);
        LeaseKey c = lease(f, LeaseState.RH, false);
        assertThat(nfs.writeRes(f, 0, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(a)).hasSize(1);
        assertThat(noticesFor(c)).hasSize(1);

        h.faults.enable(Fault.BREAK_ONE_HOLDER_ONLY);
        byte[] g = file(h.root, "g", new byte[] {1});
        LeaseKey a2 = lease(g, LeaseState.READ, false);
        LeaseKey c2 = lease(g, LeaseState.RH, false);
        assertThat(nfs.writeRes(g, 0, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(a2)).hasSize(1);
        assertThat(noticesFor(c2))
                .as("the second holder keeps reading its cache")
                .isEmpty();
        assertThat(view(c2).state()).isEqualTo(LeaseState.RH);
    }

    // ---- ACK_REQUIRED_ALWAYS (R-SMB-47)

    @Test
    void write_readOnlyLease_breaksWithoutAck_withAckRequiredAlways_asksAnAckAndStaysBreaking() throws Exception {
        byte[] f = file(h.root, "f", new byte[] {1});
        LeaseKey a = lease(f, LeaseState.READ, false);
        assertThat(nfs.writeRes(f, 0, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(a)).singleElement().satisfies(n -> assertThat(n.ackRequired())
                .isFalse());
        assertThat(view(a).state()).isEqualTo(LeaseState.NONE);
        assertThat(view(a).breaking()).isFalse();

        h.faults.enable(Fault.ACK_REQUIRED_ALWAYS);
        byte[] g = file(h.root, "g", new byte[] {1});
        LeaseKey a2 = lease(g, LeaseState.READ, false);
        assertThat(nfs.writeRes(g, 0, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(a2)).singleElement().satisfies(n -> assertThat(n.ackRequired())
                .isTrue());
        assertThat(view(a2).breaking()).isTrue();
        assertThat(view(a2).state()).isEqualTo(LeaseState.READ);
        assertThat(h.locks.acknowledge(a2, LeaseState.NONE)).isEqualTo(AckResult.OK);
    }
}
