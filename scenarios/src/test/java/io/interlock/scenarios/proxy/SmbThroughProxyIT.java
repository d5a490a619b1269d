package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.ProxyTesting.BOUND;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitOneDeliverable;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakAckResult;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real SMB traffic (smbj through {@link SmbLeaseClient}) through the proxy against the embedded
 * server: clients connect and authenticate in PASS, then the test holds their frames and delivers
 * them one by one, as the engine's scheduler will.
 */
class SmbThroughProxyIT {
    private EmbeddedTarget target;
    private SmbEndpoint smb;
    private WireProxy proxy;
    private InetSocketAddress front;
    private final FrameRecorder recorder = new FrameRecorder();
    private final Wakeups wakeups = new Wakeups();
    private final List<SmbLeaseClient> clients = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        target = EmbeddedTarget.start(ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0));
        smb = target.smb().orElseThrow();
        proxy = new WireProxy();
        proxy.addListener(recorder);
        proxy.addListener(wakeups);
        front = proxy.route("smb", WireProtocol.SMB2, new InetSocketAddress(smb.host(), smb.port()));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.defaultMode(ProxyMode.PASS);
        for (Connection c : proxy.connections()) {
            c.mode(ProxyMode.PASS); // let the clients log off cleanly
        }
        for (SmbLeaseClient c : clients) {
            c.close();
        }
        callers.shutdownNow();
        callers.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        proxy.close();
        target.close();
    }

    private SmbLeaseClient client() throws Exception {
        SmbLeaseClient c = SmbLeaseClient.connect(
                front.getHostString(),
                front.getPort(),
                smb.share(),
                smb.user(),
                smb.password(),
                UUID.randomUUID(),
                BOUND);
        clients.add(c);
        return c;
    }

    /** The connection of the client connected last (ids grow in accept order). */
    private Connection newest() {
        List<Connection> all = proxy.connections();
        return all.get(all.size() - 1);
    }

    private <T> CompletableFuture<T> onThread(Callable<T> call) {
        return wakeups.watch(CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return call.call();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                callers));
    }

    private static Smb2Message message(Frame f) {
        assertThat(f.summary()).isInstanceOf(Smb2Summary.class);
        Smb2Summary s = (Smb2Summary) f.summary();
        assertThat(s.encrypted()).isFalse();
        assertThat(s.messages()).hasSize(1);
        return s.first();
    }

    @Test
    void write_inHold_requestAndResponseEachWaitForDelivery_thenTheWriteCompletes() throws Exception {
        SmbLeaseClient a = client();
        Connection conn = newest();
        SmbOpen open = a.open("held-write.txt");
        assertThat(recorder.delivered).as("PASS forwarded the setup").isNotEmpty();
        conn.mode(ProxyMode.HOLD);
        byte[] data = "through the proxy".getBytes(StandardCharsets.US_ASCII);

        CompletableFuture<Integer> write = onThread(() -> a.write(open, 7, data));
        Frame request = awaitOneDeliverable(proxy, "WRITE request held");
        Smb2Message req = message(request);
        assertThat(request.connection()).isSameAs(conn);
        assertThat(request.direction()).isEqualTo(Direction.TO_SERVER);
        assertThat(req.command()).isEqualTo(Smb2Command.SMB2_WRITE);
        assertThat(req.response()).isFalse();
        assertThat(req.sessionId()).isNotZero();
        assertThat(req.treeId()).isNotZero();
        assertThat(req.body()).isInstanceOfSatisfying(Smb2WriteRequestBody.class, w -> {
            assertThat(w.offset()).isEqualTo(7);
            assertThat(w.length()).isEqualTo(data.length);
        });
        assertThat(write.isDone()).as("nothing reached the server").isFalse();

        assertThat(proxy.deliver(request)).isTrue();
        Frame response = awaitOneDeliverable(proxy, "WRITE response held");
        Smb2Message resp = message(response);
        assertThat(response.direction()).isEqualTo(Direction.TO_CLIENT);
        assertThat(resp.command()).isEqualTo(Smb2Command.SMB2_WRITE);
        assertThat(resp.response()).isTrue();
        assertThat(resp.status()).isEqualTo(Smb2Message.STATUS_SUCCESS);
        assertThat(resp.messageId()).isEqualTo(req.messageId());
        assertThat(resp.credits()).isPositive();
        assertThat(write.isDone()).as("the response is still held").isFalse();

        assertThat(proxy.deliver(response)).isTrue();
        assertThat(write.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(data.length);
        assertThat(proxy.deliverable()).isEmpty();
        PipeStats up = conn.stats(Direction.TO_SERVER);
        assertThat(up.deliveredBytes()).isEqualTo(up.receivedBytes());
        recorder.assertOrderKeptPerConnection();
    }

    @Test
    void leaseBreak_heldWhileAnotherClientsFramesAreDeliveredFirst() throws Exception {
        SmbLeaseClient a = client();
        Connection ca = newest();
        SmbLeaseClient b = client();
        Connection cb = newest();
        SmbLeaseClient c = client();
        Connection cc = newest();
        UUID key = UUID.randomUUID();
        int rwh = LeaseBits.READ | LeaseBits.HANDLE | LeaseBits.WRITE;
        SmbOpen held = a.open("leased.txt", key, rwh, LeaseVersion.V2);
        assertThat(held.leaseState()).isEqualTo(rwh);
        for (Connection x : List.of(ca, cb, cc)) {
            x.mode(ProxyMode.HOLD);
        }

        // B's open conflicts with A's write-caching lease: the server breaks it
        CompletableFuture<SmbOpen> bOpen = onThread(() -> b.open("leased.txt"));
        Frame bCreate = awaitOneDeliverable(proxy, "B's CREATE held");
        assertThat(bCreate.connection()).isSameAs(cb);
        assertThat(message(bCreate).body()).isInstanceOfSatisfying(Smb2CreateRequestBody.class, cr -> {
            assertThat(cr.name()).isEqualTo("leased.txt");
            assertThat(cr.lease()).isNull();
        });
        proxy.deliver(bCreate);
        Frame breakFrame = awaitValue(
                proxy,
                () -> proxy.deliverable().stream()
                        .filter(f -> f.connection() == ca)
                        .findFirst()
                        .orElse(null),
                "the lease break to A is held");
        Smb2Message notice = message(breakFrame);
        assertThat(notice.command()).isEqualTo(Smb2Command.SMB2_OPLOCK_BREAK);
        assertThat(notice.unsolicited()).isTrue();
        Smb2LeaseBreakNotificationBody nb = (Smb2LeaseBreakNotificationBody) notice.body();
        assertThat(nb.leaseKey()).isEqualTo(key);
        assertThat(nb.currentLeaseState()).isEqualTo(rwh);
        assertThat(nb.newLeaseState() & LeaseBits.WRITE).isZero();
        assertThat(nb.ackRequired()).isTrue();

        // C works to completion while A's break stays held
        CompletableFuture<SmbOpen> cOpen = onThread(() -> c.open("other.txt"));
        Frame cCreate = awaitValue(proxy, () -> headOf(cc, Direction.TO_SERVER), "C's CREATE held");
        proxy.deliver(cCreate);
        Frame cReply = awaitValue(proxy, () -> headOf(cc, Direction.TO_CLIENT), "C's CREATE response held");
        assertThat(message(cReply).body()).isInstanceOf(Smb2CreateResponseBody.class);
        proxy.deliver(cReply);
        assertThat(cOpen.get(BOUND.toMillis(), TimeUnit.MILLISECONDS).fileId()).isNotNull();
        assertThat(a.breaks()).as("A has not seen its break yet").isEmpty();
        assertThat(proxy.queued(ca, Direction.TO_CLIENT)).containsExactly(breakFrame);
        assertThat(bOpen.isDone()).isFalse();

        proxy.deliver(breakFrame);
        LeaseBreakEvent e = a.awaitBreak(BOUND);
        assertThat(e.leaseKey()).isEqualTo(key);
        CompletableFuture<LeaseBreakAckResult> ack = onThread(() -> a.ack(key, e.newState()));
        Frame ackFrame = awaitValue(proxy, () -> headOf(ca, Direction.TO_SERVER), "A's ack held");
        assertThat(message(ackFrame).body()).isInstanceOfSatisfying(Smb2LeaseBreakAckBody.class, ab -> {
            assertThat(ab.response()).isFalse();
            assertThat(ab.leaseKey()).isEqualTo(key);
            assertThat(ab.leaseState()).isEqualTo(e.newState());
        });
        // from here on, deliver whatever is held until both finish (the scheduler's simplest policy)
        wakeups.deliverUntil(proxy, CompletableFuture.allOf(ack, bOpen), BOUND);
        assertThat(ack.get().status()).isZero();
        assertThat(bOpen.get().fileId()).isNotNull();
        Smb2Message bResponse = recorder.delivered.stream()
                .filter(f -> f.connection() == cb && f.direction() == Direction.TO_CLIENT)
                .map(SmbThroughProxyIT::message)
                .filter(m -> m.command() == Smb2Command.SMB2_CREATE && !m.interim())
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(bResponse.status()).isZero();
        assertThat(bResponse.body()).isInstanceOf(Smb2CreateResponseBody.class);
        recorder.assertOrderKeptPerConnection();
    }

    private Frame headOf(Connection c, Direction d) {
        List<Frame> q = proxy.queued(c, d);
        return q.isEmpty() ? null : q.get(0);
    }

    @Test
    void createWithLease_summariesCarryNameLeaseRequestAndGrant() throws Exception {
        SmbLeaseClient a = client();
        UUID key = UUID.randomUUID();
        int rh = LeaseBits.READ | LeaseBits.HANDLE;
        SmbOpen open = a.open("dir-less.txt", key, rh, LeaseVersion.V1);
        Smb2CreateRequestBody req = recorder.delivered.stream()
                .map(f -> f.summary() instanceof Smb2Summary s && !s.messages().isEmpty()
                        ? s.first().body()
                        : null)
                .filter(Smb2CreateRequestBody.class::isInstance)
                .map(Smb2CreateRequestBody.class::cast)
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(req.name()).isEqualTo("dir-less.txt");
        assertThat(req.requestedOplockLevel()).isEqualTo(0xFF);
        assertThat(req.lease()).isEqualTo(new Smb2LeaseInfo(1, key, rh, 0, null, 0));
        Smb2CreateResponseBody resp = awaitValue(
                proxy,
                () -> recorder.delivered.stream()
                        .map(f ->
                                f.summary() instanceof Smb2Summary s ? s.first().body() : null)
                        .filter(Smb2CreateResponseBody.class::isInstance)
                        .map(Smb2CreateResponseBody.class::cast)
                        .reduce((x, y) -> y)
                        .orElse(null),
                "CREATE response");
        assertThat(resp.oplockLevel()).isEqualTo(0xFF);
        assertThat(resp.lease().leaseKey()).isEqualTo(key);
        assertThat(resp.lease().leaseState()).isEqualTo(open.leaseState());

        a.lock(open, 10, 5, true, true);
        Smb2LockRequestBody lock = awaitValue(
                proxy,
                () -> recorder.delivered.stream()
                        .map(f ->
                                f.summary() instanceof Smb2Summary s ? s.first().body() : null)
                        .filter(Smb2LockRequestBody.class::isInstance)
                        .map(Smb2LockRequestBody.class::cast)
                        .findFirst()
                        .orElse(null),
                "LOCK request");
        assertThat(lock.fileId()).as("the FileId the CREATE response granted").isEqualTo(resp.fileId());
        assertThat(lock.locks())
                .containsExactly(
                        new Smb2LockElement(10, 5, Smb2LockElement.EXCLUSIVE_LOCK | Smb2LockElement.FAIL_IMMEDIATELY));
        a.write(open, 0, new byte[] {1, 2, 3});
        a.read(open, 0);
        Smb2ReadRequestBody read = awaitValue(
                proxy,
                () -> recorder.delivered.stream()
                        .map(f ->
                                f.summary() instanceof Smb2Summary s ? s.first().body() : null)
                        .filter(Smb2ReadRequestBody.class::isInstance)
                        .map(Smb2ReadRequestBody.class::cast)
                        .findFirst()
                        .orElse(null),
                "READ request");
        assertThat(read.offset()).isZero();
        assertThat(read.length()).isPositive();
        assertThat(recorder.delivered).extracting(Frame::summary).noneMatch(Opaque.class::isInstance);
    }
}
