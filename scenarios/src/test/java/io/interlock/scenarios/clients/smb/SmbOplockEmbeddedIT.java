package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.bench.RpcNfsClient;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.server.runtime.ServerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traditional oplocks through {@link SmbLeaseClient} against the embedded server (every port
 * ephemeral, break policy wait): an NFS operation or another SMB open breaks a BATCH oplock, the
 * 24-byte notification names the open and the level, and the ack is answered.
 */
class SmbOplockEmbeddedIT {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final long STATUS_INVALID_OPLOCK_PROTOCOL = 0xC00000E3L;

    private EmbeddedTarget target;
    private SmbEndpoint smb;
    private SmbLeaseClient a;
    private RpcNfsClient nfs;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        start(EmbeddedTarget.ephemeralConfig());
    }

    private void start(ServerConfig config) throws Exception {
        target = EmbeddedTarget.start(config);
        smb = target.smb().orElseThrow();
        a = client();
        NfsEndpoint e = target.nfs().orElseThrow();
        nfs = new RpcNfsClient(
                new InetSocketAddress(e.host(), e.nfsPort()),
                new InetSocketAddress(e.host(), e.mountPort()),
                e.exportPath());
    }

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        callers.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        closeAll();
    }

    private void closeAll() throws Exception {
        nfs.close();
        a.close();
        target.close();
    }

    private SmbLeaseClient client() throws Exception {
        return SmbLeaseClient.connect(
                smb.host(), smb.port(), smb.share(), smb.user(), smb.password(), UUID.randomUUID(), BOUND);
    }

    private SmbOpen batch(String name) throws Exception {
        SmbOpen o = a.openWithOplock(name, Smb2CreateWithLease.OPLOCK_LEVEL_BATCH);
        assertThat(o.oplockLevel()).as("granted level").isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_BATCH);
        assertThat(o.leaseKey()).isNull();
        return o;
    }

    @Test
    void nfsRead_batchHeld_breaksToLevelIiAndTheReplyWaitsForTheAck() throws Exception {
        SmbOpen o = batch("read.dat");
        a.write(o, 0, new byte[100]);
        byte[] fh = nfs.lookup(nfs.root(), "read.dat");

        nfs.sendRead(fh, 0, 4096);
        Future<Integer> reply = callers.submit(() -> nfs.receiveRead(null, 0));
        OplockBreakEvent e = a.awaitOplockBreak(BOUND);
        assertThat(e.isFor(o)).as(e + " names the open").isTrue();
        assertThat(e.newLevel()).isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_II);
        assertThat(e.ackRequired(o.oplockLevel())).isTrue();
        assertThat(reply.isDone())
                .as("the READ waits for the ack (policy wait)")
                .isFalse();

        OplockBreakAckResult r = a.ackOplock(e.fileId(), e.newLevel());
        assertThat(r.success()).as(r.statusHex()).isTrue();
        assertThat(r.oplockLevel()).isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_II);
        assertThat(reply.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(a.oplockBreaks()).isEmpty();
        assertThat(a.breaks()).as("no lease break for an oplock").isEmpty();
        a.close(o);
    }

    @Test
    void nfsWrite_batchHeld_breaksToNoneAndTheAckKeepsNone() throws Exception {
        SmbOpen o = batch("write.dat");
        byte[] fh = nfs.lookup(nfs.root(), "write.dat");

        nfs.sendWrite(fh, 0, new byte[10], 0, 10, RpcNfsClient.FILE_SYNC);
        Future<Integer> reply = callers.submit(nfs::receiveWrite);
        OplockBreakEvent e = a.awaitOplockBreak(BOUND);
        assertThat(e.isFor(o)).as(e + " names the open").isTrue();
        assertThat(e.newLevel()).isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_NONE);
        assertThat(reply.isDone())
                .as("the WRITE waits for the ack (policy wait)")
                .isFalse();

        OplockBreakAckResult r = a.ackOplock(e.fileId(), e.newLevel());
        assertThat(r.success()).as(r.statusHex()).isTrue();
        assertThat(r.oplockLevel()).isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_NONE);
        assertThat(reply.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(10);
        a.close(o);
    }

    @Test
    void secondSmbOpen_batchHeld_breaksToLevelIiAndOpensAfterTheAck() throws Exception {
        SmbOpen o = batch("shared.dat");
        try (SmbLeaseClient b = client()) {
            CompletableFuture<SmbOpen> second = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return b.open("shared.dat");
                        } catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    },
                    callers);
            OplockBreakEvent e = a.awaitOplockBreak(BOUND);
            assertThat(e.isFor(o)).as(e + " names the open").isTrue();
            assertThat(e.newLevel()).isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_II);
            assertThat(second.isDone()).as("the CREATE waits for the ack").isFalse();

            assertThat(a.ackOplock(e.fileId(), e.newLevel()).success()).isTrue();
            SmbOpen other = second.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(other.oplockLevel()).isEqualTo(Smb2CreateWithLease.OPLOCK_LEVEL_NONE);
            b.close(other);
        }
        a.close(o);
    }

    @Test
    void nfsWrite_signingRequired_theSignedAckResponseIsVerifiedAndAccepted() throws Exception {
        closeAll();
        start(EmbeddedTarget.ephemeralConfig().withSigningRequired(true));
        assertThat(a.signingRequired()).isTrue();
        SmbOpen o = batch("signed.dat");
        byte[] fh = nfs.lookup(nfs.root(), "signed.dat");

        nfs.sendWrite(fh, 0, new byte[10], 0, 10, RpcNfsClient.FILE_SYNC);
        Future<Integer> reply = callers.submit(nfs::receiveWrite);
        OplockBreakEvent e = a.awaitOplockBreak(BOUND);
        OplockBreakAckResult r = a.ackOplock(e.fileId(), e.newLevel());
        assertThat(r.success()).as(r.statusHex()).isTrue();
        assertThat(reply.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(10);
        a.close(o);
    }

    @Test
    void ackOplock_noBreakOutstanding_isAnsweredWithAnError() throws Exception {
        SmbOpen o = batch("idle.dat");
        OplockBreakAckResult r = a.ackOplock(o.fileId(), Smb2CreateWithLease.OPLOCK_LEVEL_II);
        assertThat(r.status()).as(r.statusHex()).isEqualTo(STATUS_INVALID_OPLOCK_PROTOCOL);
        assertThat(r.oplockLevel()).as("an error body carries no level").isEqualTo(-1);
        // the session goes on: the response was matched to its request, credits included
        assertThat(a.read(o, 0)).isEmpty();
        a.close(o);
    }
}
