package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls from the server to a client's NLM service: GRANTED (or GRANTED_MSG) for a blocked lock
 * that is now held (R-NLM-4) and the _RES calls that answer _MSG requests (R-NLM-13); and SM_NOTIFY
 * to the registrants of the previous incarnation (R-NSM-1). The client's service is found
 * through the portmapper on the client's host, as {@link NlmConfig} describes.
 *
 * <p>Each call runs on a small pool of its own, never on a connection's lane: it is a blocking
 * socket exchange (portmapper GETPORT, then the call) bounded as a whole by {@link
 * NlmConfig#callbackTimeout()}. The socket timeouts are necessarily wall-clock time.
 */
final class NlmCallbacks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NlmCallbacks.class);
    private static final int PMAP_PROGRAM = 100000;
    private static final int PMAP_VERSION = 2;
    private static final int PMAPPROC_GETPORT = 3;

    private final NlmConfig config;
    private final ThreadPoolExecutor pool;
    private final java.util.concurrent.Executor exec;
    private volatile int portmapPort = 111;
    private volatile InetSocketAddress self;

    NlmCallbacks(NlmConfig config, io.interlock.server.probe.ActivityProbe probe) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "nlm-callback-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        // a callback is work in progress for a harness's probe until its reply came back
        this.exec = probe == null ? pool : probe.track(pool);
    }

    /** Where portmappers listen (our own portmapper's port, or 111). */
    void portmapPort(int port) {
        this.portmapPort = port;
    }

    /** Our own NLM listener, which a callback must never reach. */
    void self(InetSocketAddress nlm) {
        this.self = nlm;
    }

    /**
     * Calls {@code proc} of the client's NLM service; completes with the results, or fails with the
     * reason (no service registered, refused, timed out, rejected). Never throws.
     */
    CompletableFuture<XdrReader> call(SocketAddress client, int version, Nlm4Procedure proc, XdrEncodable args) {
        return call(client, config.callbackProgram(), version, proc.number(), proc.toString(), args);
    }

    /**
     * Calls {@code program}/{@code version}/{@code proc} on {@code client}'s host, found through its
     * portmapper (TCP) like the NLM callbacks; e.g. SM_NOTIFY to a peer's NSM.
     */
    CompletableFuture<XdrReader> call(
            SocketAddress client, int program, int version, int proc, String what, XdrEncodable args) {
        if (!(client instanceof InetSocketAddress isa) || isa.getAddress() == null) {
            return CompletableFuture.failedFuture(new IOException("no callback address for " + client));
        }
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return callNow(isa.getAddress(), program, version, proc, what, args);
                        } catch (IOException | RuntimeException e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    },
                    exec);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IOException("callback queue full"));
        }
    }

    private XdrReader callNow(InetAddress host, int program, int version, int proc, String what, XdrEncodable args)
            throws IOException {
        long deadline = System.nanoTime() + config.callbackTimeout().toNanos();
        int port;
        try (RpcClient pm = new RpcClient(new InetSocketAddress(host, portmapPort), remaining(deadline))) {
            RpcReplyView v = pm.call(
                    PMAP_PROGRAM, PMAP_VERSION, PMAPPROC_GETPORT, RpcCredential.None.INSTANCE, w -> w.writeInt(program)
                            .writeInt(version)
                            .writeInt(Rpc.IPPROTO_TCP)
                            .writeInt(0));
            if (!v.success()) {
                throw new IOException("portmapper at " + host + ":" + portmapPort + " refused GETPORT");
            }
            port = v.results().readInt();
        }
        if (port <= 0 || port > 65535) {
            throw new IOException("no callback service (program " + program + " v" + version + ") registered at "
                    + host.getHostAddress() + ":" + portmapPort);
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        InetSocketAddress me = self;
        if (me != null
                && me.getPort() == port
                && (me.getAddress().isAnyLocalAddress() || me.getAddress().equals(host))) {
            throw new IOException("callback lookup for " + host.getHostAddress() + " found our own NLM service");
        }
        try (RpcClient c = new RpcClient(target, remaining(deadline))) {
            RpcReplyView v = c.call(program, version, proc, RpcCredential.None.INSTANCE, args);
            if (!v.success()) {
                throw new IOException(what + " to " + target + " not accepted: reply_stat " + v.replyStat()
                        + " accept_stat " + v.acceptStat());
            }
            log.debug("{} sent to {}", what, target);
            return v.results();
        }
    }

    private static Duration remaining(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("callback timed out");
        }
        return Duration.ofNanos(Math.max(left, 1_000_000));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
