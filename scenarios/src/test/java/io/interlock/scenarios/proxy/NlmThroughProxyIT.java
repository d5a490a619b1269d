package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.ProxyTesting.BOUND;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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
 * ONC RPC through the proxy: our NLM v4 client (which talks to an explicit address) against the
 * embedded server's NLM service, with the proxy holding every call and reply. The order in which
 * the test delivers two conflicting LOCK calls decides which client wins.
 */
class NlmThroughProxyIT {
    private static final int NLM4_GRANTED = 0;
    private static final int NLM4_DENIED = 1;

    private EmbeddedTarget target;
    private WireProxy proxy;
    private InetSocketAddress front;
    private byte[] fh;
    private final FrameRecorder recorder = new FrameRecorder();
    private final List<NlmClient> clients = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        target = EmbeddedTarget.start(ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0));
        Share share = target.server().shares().list().get(0);
        VirtualFileSystem fs = share.fs();
        FileId id = fs.createFile(fs.root(), "locked", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf(share.name()), id).encode();
        proxy = new WireProxy(WireProxy.Options.defaults().withDefaultMode(ProxyMode.HOLD));
        proxy.addListener(recorder);
        front = proxy.route(
                "nlm", WireProtocol.ONC_RPC, target.server().endpoints().nlm());
    }

    @AfterEach
    void stop() throws Exception {
        for (NlmClient c : clients) {
            c.close();
        }
        callers.shutdownNow();
        callers.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        proxy.close();
        target.close();
    }

    private NlmClient client(String host) throws Exception {
        NlmClient c = NlmClient.connect(front, host, null, BOUND);
        clients.add(c);
        return c;
    }

    private <T> CompletableFuture<T> onThread(Callable<T> call) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return call.call();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                callers);
    }

    @Test
    void lock_conflictingCallsHeld_theOneDeliveredFirstWins() throws Exception {
        NlmClient a = client("hostA");
        NlmClient b = client("hostB");
        CompletableFuture<NlmStat> aLock = onThread(() -> a.lock(NlmLockSpec.of(fh, 11, "hostA", 0, 100), true, false));
        CompletableFuture<NlmStat> bLock = onThread(() -> b.lock(NlmLockSpec.of(fh, 22, "hostB", 50, 10), true, false));
        awaitUntil(proxy, () -> proxy.deliverable().size() == 2, "both LOCK calls held");
        List<Frame> calls = proxy.deliverable();
        for (Frame f : calls) {
            assertThat(f.direction()).isEqualTo(Direction.TO_SERVER);
            assertThat(f.summary()).isInstanceOfSatisfying(RpcCall.class, c -> {
                assertThat(c.program()).isEqualTo(NlmClient.NLM_PROGRAM);
                assertThat(c.version()).isEqualTo(NlmClient.NLM_VERSION);
                assertThat(c.procedure()).isEqualTo(2); // NLMPROC4_LOCK
                assertThat(c.credentialFlavor()).isEqualTo(1); // AUTH_SYS
            });
        }
        // deliverable() is ordered by connection id, and A connected (and was accepted) first
        Frame aCall = calls.get(0);
        Frame bCall = calls.get(1);
        assertThat(aCall.connection().id()).isLessThan(bCall.connection().id());

        // B first, although A asked first
        proxy.deliver(bCall);
        Frame bReply = awaitOneReply(bCall.connection());
        RpcReply br = (RpcReply) bReply.summary();
        assertThat(br.xid()).isEqualTo(((RpcCall) bCall.summary()).xid());
        assertThat(br.success()).isTrue();
        assertThat(br.status(NlmClient.NLM_PROGRAM)).hasValue(NLM4_GRANTED);
        assertThat(bLock.isDone()).isFalse();
        proxy.deliver(bReply);
        assertThat(bLock.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(NlmStat.GRANTED);

        proxy.deliver(aCall);
        Frame aReply = awaitOneReply(aCall.connection());
        assertThat(((RpcReply) aReply.summary()).status(NlmClient.NLM_PROGRAM)).hasValue(NLM4_DENIED);
        proxy.deliver(aReply);
        assertThat(aLock.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(NlmStat.DENIED);
        recorder.assertOrderKeptPerConnection();
        assertThat(recorder.delivered).extracting(Frame::summary).noneMatch(Opaque.class::isInstance);
    }

    private Frame awaitOneReply(Connection c) throws Exception {
        return ProxyTesting.awaitValue(
                proxy,
                () -> {
                    List<Frame> q = proxy.queued(c, Direction.TO_CLIENT);
                    return q.isEmpty() ? null : q.get(0);
                },
                "reply on c" + c.id());
    }
}
