package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.BreakPolicy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The duplicate-request cache in front of non-idempotent NFSv3 procedures (RFC 1813 §4.5, R-RPC-7). */
class Nfs3DuplicateRequestTest {
    private static final int REMOVE = 12;
    private Nfs3Harness h = new Nfs3Harness(BreakPolicy.WAIT);

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Nfs3Status send(int xid, int proc, XdrEncodable args) {
        RpcReplyView v = h.start(xid, Nfs3Harness.ROOT, 100003, 3, proc, args)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        assertThat(v.xid()).isEqualTo(xid);
        return Nfs3Status.of(v.results().readInt());
    }

    @Test
    void remove_sameXidTwice_bothOk_differentXid_noent() throws Exception {
        h.ops.create(h.root, "victim");
        XdrEncodable args = Nfs3Ops.dirop(h.root, "victim");
        assertThat(send(7001, REMOVE, args)).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(send(7001, REMOVE, args)).as("retransmission replayed").isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(send(7002, REMOVE, args)).as("a new call runs").isEqualTo(Nfs3Status.NFS3ERR_NOENT);
        assertThat(h.replyCache.hits()).isEqualTo(1);
    }

    @Test
    void create_sameXidDifferentArguments_isANewCall() throws Exception {
        XdrEncodable a = w -> {
            Nfs3Ops.dirop(h.root, "a").encode(w);
            w.writeInt(1); // GUARDED
            io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, io.interlock.server.core.vfs.SetAttributes.NONE);
        };
        XdrEncodable b = w -> {
            Nfs3Ops.dirop(h.root, "b").encode(w);
            w.writeInt(1);
            io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, io.interlock.server.core.vfs.SetAttributes.NONE);
        };
        assertThat(send(8000, 8, a)).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(send(8000, 8, b)).isEqualTo(Nfs3Status.NFS3_OK); // checksum differs: executed
        assertThat(send(8000, 8, a)).isEqualTo(Nfs3Status.NFS3_OK); // replay of the first, not EXIST
        assertThat(send(8001, 8, a)).isEqualTo(Nfs3Status.NFS3ERR_EXIST);
    }

    @Test
    void replayedReply_expiresWithAge_thenTheCallRunsAgain() throws Exception {
        h.ops.create(h.root, "old");
        XdrEncodable args = Nfs3Ops.dirop(h.root, "old");
        assertThat(send(9001, REMOVE, args)).isEqualTo(Nfs3Status.NFS3_OK);
        h.clock.advance(Duration.ofSeconds(121));
        assertThat(send(9001, REMOVE, args)).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
    }

    @Test
    void cache_isBoundedInSize() throws Exception {
        for (int i = 0; i < 100; i++) {
            send(20_000 + i, REMOVE, Nfs3Ops.dirop(h.root, "missing" + i));
        }
        assertThat(h.replyCache.size()).isEqualTo(64);
    }

    @Test
    void idempotentProcedures_areNotCached() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(30_000, 1, w -> w.writeOpaque(h.root)); // GETATTR, same xid
        }
        assertThat(h.replyCache.size()).isZero();
    }

    @Test
    void inProgressDuplicate_runsOnce_andIsAnsweredWithTheSameReply() throws Exception {
        List<LeaseBreakNotice> notices = new CopyOnWriteArrayList<>();
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        byte[] fh = h.ops.create(h.root, "leased");
        FileId id = new FileId(ByteBuffer.wrap(fh).getLong(8));
        h.locks.requestLease(new LeaseRequest(id, key, LeaseState.RWH, 2, 0, false, notices::add));
        XdrEncodable args = Nfs3Ops.dirop(h.root, "leased");
        CompletableFuture<RpcReplyView> first = h.start(40_000, Nfs3Harness.ROOT, 100003, 3, REMOVE, args);
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.size() == 1);
        CompletableFuture<RpcReplyView> second = h.start(40_000, Nfs3Harness.ROOT, 100003, 3, REMOVE, args);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        h.locks.acknowledge(key, LeaseState.NONE);
        for (CompletableFuture<RpcReplyView> f : List.of(first, second)) {
            RpcReplyView v = f.orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(v.xid()).isEqualTo(40_000);
            assertThat(Nfs3Status.of(v.results().readInt())).isEqualTo(Nfs3Status.NFS3_OK);
        }
        assertThat(notices).hasSize(1);
        assertThat(h.ops.lookupRes(h.root, "leased").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
    }
}
