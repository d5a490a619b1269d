package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.interlock.server.core.lock.AckResult;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.ShareMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.Fault;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.runtime.BreakPolicy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NFS operations against an SMB-style lease held through a fake BreakNotifier (spec R-XP-1, R-XP-4,
 * R-XP-7, R-XP-12; ARCHITECTURE.md §1.1 break policies).
 */
class Nfs3BreakPolicyTest {
    private Nfs3Harness h;
    private final List<LeaseBreakNotice> notices = new CopyOnWriteArrayList<>();
    private final LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());

    @AfterEach
    void tearDown() {
        h.close();
    }

    private byte[] fileWithLease(BreakPolicy policy, int state) throws Exception {
        h = new Nfs3Harness(policy);
        byte[] fh = h.ops.create(h.root, "leased");
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        h.locks.requestLease(new LeaseRequest(id, key, state, 2, 0, false, notices::add));
        assertThat(h.locks.lease(key).orElseThrow().state()).isEqualTo(state);
        return fh;
    }

    private CompletableFuture<RpcReplyView> startWrite(byte[] fh, byte[] data) {
        return h.start(100003, 3, 7, w -> {
            w.writeOpaque(fh);
            w.writeLong(0);
            w.writeInt(data.length);
            w.writeInt(2);
            w.writeOpaque(data);
        });
    }

    private long sizeOf(byte[] fh) {
        try {
            return h.fs.getAttributes(new FileId(ByteBuffer.wrap(fh).getLong(8)))
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Nfs3Status status(RpcReplyView v) {
        return Nfs3Status.of(v.results().readInt());
    }

    @Test
    void write_underWait_repliesOnlyAfterTheAck() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        AtomicLong ackedAt = new AtomicLong();
        CompletableFuture<RpcReplyView> reply = startWrite(fh, new byte[] {9, 9, 9});
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        assertThat(notices.get(0).newState()).isEqualTo(LeaseState.NONE);
        assertThat(notices.get(0).ackRequired()).isTrue();
        // the holder "flushes" for a while; the write must not have happened nor been answered
        CompletableFuture<AckResult> ack = CompletableFuture.supplyAsync(
                () -> {
                    assertThat(reply).isNotDone();
                    assertThat(sizeOf(fh)).isZero(); // data unchanged until the holder acked
                    ackedAt.set(System.nanoTime());
                    return h.locks.acknowledge(key, LeaseState.NONE);
                },
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        RpcReplyView v = reply.orTimeout(10, TimeUnit.SECONDS).join();
        long repliedAt = System.nanoTime();
        assertThat(ack.join()).isEqualTo(AckResult.OK);
        assertThat(status(v)).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(repliedAt).isGreaterThanOrEqualTo(ackedAt.get());
        assertThat(h.ops.read(fh, 0, 10).data()).containsExactly(9, 9, 9);
    }

    @Test
    void remove_underWait_holderGrantedWhileItWaited_brokenTooBeforeTheRemove() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        CompletableFuture<RpcReplyView> reply = h.start(100003, 3, 12, Nfs3Ops.dirop(h.root, "leased"));
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        // an SMB CREATE of another key is granted RH while the REMOVE waits for the RWH->NONE ack
        LeaseKey other = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        assertThat(h.locks
                        .requestLease(new LeaseRequest(id, other, LeaseState.RH, 2, 0, false, notices::add))
                        .state())
                .isEqualTo(LeaseState.RH);
        assertThat(h.locks.acknowledge(key, LeaseState.NONE)).isEqualTo(AckResult.OK);
        // R-XP-4: the new holder is broken to NONE and waited for before the name goes
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 2);
        assertThat(notices.get(1).key()).isEqualTo(other);
        assertThat(notices.get(1).newState()).isEqualTo(LeaseState.NONE);
        assertThat(reply).isNotDone();
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(h.locks.acknowledge(other, LeaseState.NONE)).isEqualTo(AckResult.OK);
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
    }

    @Test
    void rename_underWait_targetCreatedAndLeasedWhileItWaited_targetBrokenBeforeTheRename() throws Exception {
        // explore (seed 7 run 987): RENAME f->g waited for f's RWH->NONE ack; meanwhile an SMB
        // CREATE made g with an RWH lease; the RENAME then replaced g without breaking it
        fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        CompletableFuture<RpcReplyView> reply = h.start(100003, 3, 14, w -> {
            Nfs3Ops.dirop(h.root, "leased").encode(w);
            Nfs3Ops.dirop(h.root, "moved").encode(w);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        byte[] target = h.ops.create(h.root, "moved");
        FileId g = new FileId(ByteBuffer.wrap(target).getLong(8));
        LeaseKey other = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        h.locks.requestLease(new LeaseRequest(g, other, LeaseState.RWH, 2, 0, false, notices::add));
        assertThat(h.locks.acknowledge(key, LeaseState.NONE)).isEqualTo(AckResult.OK);
        // R-XP-4: "if G exists, G's lease" breaks to None before the rename, evaluated when it acts
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 2);
        assertThat(notices.get(1).key()).isEqualTo(other);
        assertThat(notices.get(1).newState()).isEqualTo(LeaseState.NONE);
        assertThat(reply).isNotDone();
        assertThat(h.locks.acknowledge(other, LeaseState.NONE)).isEqualTo(AckResult.OK);
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
    }

    @Test
    void write_underWait_breakTimerBoundsTheWait() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        CompletableFuture<RpcReplyView> reply = startWrite(fh, new byte[] {1});
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        assertThat(reply).isNotDone();
        h.clock.advance(Duration.ofSeconds(35));
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(h.locks.lease(key).orElseThrow().state()).isEqualTo(LeaseState.NONE);
    }

    @Test
    void write_underNotify_repliesBeforeTheAck() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.NOTIFY, LeaseState.RWH);
        RpcReplyView v =
                startWrite(fh, new byte[] {5}).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(status(v)).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(notices).hasSize(1);
        assertThat(h.locks.lease(key).orElseThrow().breaking()).isTrue(); // not acknowledged yet
    }

    @Test
    void write_underJukebox_answersJukeboxWhilePending_thenOkAfterAck() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.JUKEBOX, LeaseState.RWH);
        assertThat(status(startWrite(fh, new byte[] {7}).join())).isEqualTo(Nfs3Status.NFS3ERR_JUKEBOX);
        assertThat(status(startWrite(fh, new byte[] {7}).join())).isEqualTo(Nfs3Status.NFS3ERR_JUKEBOX);
        assertThat(notices).hasSize(1);
        assertThat(h.fs.getAttributes(h.locks.lease(key).orElseThrow().file()).size())
                .isZero();
        assertThat(h.locks.acknowledge(key, LeaseState.NONE)).isEqualTo(AckResult.OK);
        assertThat(status(startWrite(fh, new byte[] {7}).join())).isEqualTo(Nfs3Status.NFS3_OK);
    }

    @Test
    void read_stripsOnlyWrite() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.NOTIFY, LeaseState.RWH);
        h.ops.read(fh, 0, 10);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).newState()).isEqualTo(LeaseState.RH);
    }

    @Test
    void failedOperations_breakNothing() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        assertThat(h.ops.removeRes(h.root, "missing").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
        h.ops.mkdir(h.root, "d");
        assertThat(h.ops.removeRes(h.root, "d").status()).isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(h.ops.renameRes(h.root, "missing", h.root, "leased").status())
                .isEqualTo(Nfs3Status.NFS3ERR_NOENT);
        assertThat(h.ops.writeRes(h.ops.lookup(h.root, "d"), 0, new byte[1], 2).status())
                .isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(notices).isEmpty();
        assertThat(h.locks.breaksSent()).isZero();
        assertThat(fh).isNotEmpty();
    }

    @Test
    void remove_breaksToNoneBeforeUnlink() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RH);
        CompletableFuture<RpcReplyView> reply = h.start(100003, 3, 12, Nfs3Ops.dirop(h.root, "leased"));
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        assertThat(notices.get(0).newState()).isEqualTo(LeaseState.NONE);
        assertThat(reply).isNotDone();
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3_OK);
        h.locks.acknowledge(key, LeaseState.NONE);
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
        assertThat(fh).hasSize(Nfs3FileHandle.LENGTH);
    }

    @Test
    void remove_smbOpenWithoutShareDeleteAfterTheBreak_accesAndFileKept() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RH);
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        // an SMB open for read/write that shares read and write but not delete
        h.locks.openShared(id, ShareMode.READ | ShareMode.WRITE, ShareMode.SHARE_READ | ShareMode.SHARE_WRITE, key);
        CompletableFuture<RpcReplyView> reply = h.start(100003, 3, 12, Nfs3Ops.dirop(h.root, "leased"));
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        h.locks.acknowledge(key, LeaseState.NONE);
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join()))
                .as("NT share semantics after the break (R-SMB-82)")
                .isEqualTo(Nfs3Status.NFS3ERR_ACCES);
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3_OK);
    }

    @Test
    void rename_smbOpenWithoutShareDelete_accesAndNamesKept() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.READ);
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        h.locks.openShared(id, ShareMode.READ, ShareMode.SHARE_READ, key);
        CompletableFuture<RpcReplyView> reply = h.start(100003, 3, 14, w -> {
            Nfs3Ops.dirop(h.root, "leased").encode(w);
            Nfs3Ops.dirop(h.root, "moved").encode(w);
        });
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo(Nfs3Status.NFS3ERR_ACCES);
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(h.ops.lookupRes(h.root, "moved").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
    }

    @Test
    void remove_statOpenOnly_stillRemoves() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.READ);
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        h.locks.openShared(id, 0, 0, key); // a stat open takes part in no share check
        CompletableFuture<RpcReplyView> reply = h.start(100003, 3, 12, Nfs3Ops.dirop(h.root, "leased"));
        assertThat(status(reply.orTimeout(10, TimeUnit.SECONDS).join())).isEqualTo(Nfs3Status.NFS3_OK);
    }

    @Test
    void faults_skipBreak_and_noWait_and_breakAfterChange() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        h.faults.enable(Fault.SKIP_NFS_BREAK);
        assertThat(status(startWrite(fh, new byte[] {1}).join())).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(notices).isEmpty();
        h.faults.disable(Fault.SKIP_NFS_BREAK);
        h.faults.enable(Fault.NO_WAIT_FOR_BREAK);
        assertThat(status(startWrite(fh, new byte[] {2})
                        .orTimeout(10, TimeUnit.SECONDS)
                        .join()))
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(notices).hasSize(1);
        h.faults.disable(Fault.NO_WAIT_FOR_BREAK);
        h.locks.acknowledge(key, LeaseState.NONE);
        assertThat(fh).isNotEmpty();
    }

    @Test
    void breakAfterDataChange_fault_changesDataBeforeNotifying() throws Exception {
        byte[] fh = fileWithLease(BreakPolicy.WAIT, LeaseState.RWH);
        h.faults.enable(Fault.BREAK_AFTER_DATA_CHANGE);
        List<Long> sizeAtNotice = new CopyOnWriteArrayList<>();
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        LeaseKey k2 = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        h.locks.releaseLeaseOpen(key);
        h.locks.requestLease(new LeaseRequest(id, k2, LeaseState.RWH, 2, 0, false, n -> {
            try {
                sizeAtNotice.add(h.fs.getAttributes(id).size());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(status(startWrite(fh, new byte[] {1, 2, 3, 4})
                        .orTimeout(10, TimeUnit.SECONDS)
                        .join()))
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(sizeAtNotice).containsExactly(4L);
    }
}
