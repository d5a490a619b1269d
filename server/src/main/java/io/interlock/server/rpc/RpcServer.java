package io.interlock.server.rpc;

import io.interlock.server.net.BulkAllocator;
import io.interlock.server.net.ConnectionCounter;
import io.interlock.server.net.ConnectionGuard;
import io.interlock.server.runtime.ServerLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds RPC listeners: TCP with record marking → call decoding → {@link RpcTcpHandler}, which
 * writes record-marked replies; UDP with {@link RpcUdpHandler}.
 */
public final class RpcServer {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

    /** Largest request record accepted: a 4 MiB WRITE plus headers (spec R-RPC-2 needs > 1 MiB). */
    public static final int MAX_RECORD = 4 * 1024 * 1024 + 64 * 1024;

    private RpcServer() {}

    /** Binds a TCP listener with the default limits and a connection count of its own. */
    public static Channel bindTcp(
            String service,
            EventLoopGroup boss,
            EventLoopGroup workers,
            InetSocketAddress address,
            RpcCallProcessor processor,
            Executor pool)
            throws IOException {
        ServerLimits limits = ServerLimits.defaults();
        return bindTcp(
                service,
                boss,
                workers,
                address,
                processor,
                pool,
                limits,
                new ConnectionCounter(limits.maxConnections()),
                null);
    }

    /**
     * Binds a TCP listener: [a harness's activity probe, when given] → connection guard (cap,
     * timeouts) → record marking (capped per the programs served) → dispatcher, which writes replies
     * record-marked ({@link RecordMarkingEncoder}). A port in
     * use gives an IOException naming the service and port.
     *
     * @param counter shared by every listener of one service, so that the cap is per service
     * @param probe null, or the lockstep harness's probe, first in every connection's pipeline
     */
    public static Channel bindTcp(
            String service,
            EventLoopGroup boss,
            EventLoopGroup workers,
            InetSocketAddress address,
            RpcCallProcessor processor,
            Executor pool,
            ServerLimits limits,
            ConnectionCounter counter,
            io.interlock.server.probe.ActivityProbe probe)
            throws IOException {
        int maxRecord = processor.maxRecord();
        int preLogin = processor.preLoginMaxRecord();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, BulkAllocator.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (probe != null) {
                            ch.pipeline().addLast("probe", probe.handler());
                        }
                        ch.pipeline()
                                .addLast("guard", new ConnectionGuard(service, limits, counter))
                                .addLast(
                                        "frame",
                                        new RecordMarkingDecoder(
                                                maxRecord, preLogin, RecordMarkingDecoder.DEFAULT_MAX_FRAGMENTS))
                                .addLast("rpc", new RpcTcpHandler(processor, pool));
                    }
                });
        return bind(service, "TCP", address, () -> b.bind(address)
                .syncUninterruptibly()
                .channel());
    }

    /** Binds a UDP listener. */
    public static Channel bindUdp(
            String service, EventLoopGroup group, InetSocketAddress address, RpcCallProcessor processor, Executor pool)
            throws IOException {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, false)
                .handler(new RpcUdpHandler(processor, pool));
        return bind(service, "UDP", address, () -> b.bind(address)
                .syncUninterruptibly()
                .channel());
    }

    /**
     * One call the warm-up runs: {@code procedure} of {@code program} with AUTH_SYS root credentials
     * and the arguments {@code args}. It must change nothing (a NULL, GETATTR, a LOOKUP of a
     * missing name...).
     */
    public record WarmUpCall(RpcCallProcessor processor, int program, int version, int procedure, XdrEncodable args) {
        /** The NULL procedure of {@code program}. */
        public static WarmUpCall nullOf(RpcCallProcessor processor, int program, int version) {
            return new WarmUpCall(processor, program, version, 0, XdrEncodable.VOID);
        }
    }

    /**
     * Takes one-time costs off the first client's clock (issue 11: 60-260 ms first calls, and still
     * 50 ms for the first MOUNT + FSINFO with only a NULL warmed): every event loop of {@code
     * workers} binds its buffer-pool arena and has it allocate its first 16 MiB chunk (zeroed and
     * faulted in: tens of milliseconds each on a loaded machine), and {@code calls} run through their
     * processors in order, loading the decode, dispatch, handler and encode classes of what a client
     * does first. In the background on an event loop; nothing is sent anywhere and every reply is
     * dropped. The future completes when the calls have run.
     */
    public static CompletableFuture<Void> warmUp(EventLoopGroup workers, List<WarmUpCall> calls) {
        for (io.netty.util.concurrent.EventExecutor loop : workers) {
            loop.execute(() -> BulkAllocator.INSTANCE.directBuffer(1).release());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        workers.next().execute(() -> {
            InetSocketAddress self = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
            RpcCredential.Sys root = new RpcCredential.Sys(0, "interlock-warm-up", 0, 0, List.of());
            for (WarmUpCall c : calls) {
                byte[] call = RpcClient.encodeCall(0, c.program(), c.version(), c.procedure(), root, c.args());
                try {
                    c.processor().process(RpcInbound.decode(call, self), self, Runnable::run, RpcReply::release);
                } catch (RuntimeException e) {
                    log.debug("warm-up call {}/{} failed: {}", c.program(), c.procedure(), e.toString());
                }
            }
            done.complete(null);
        });
        return done;
    }

    private interface Binder {
        Channel bind() throws Exception;
    }

    private static Channel bind(String service, String proto, InetSocketAddress address, Binder binder)
            throws IOException {
        try {
            return binder.bind();
        } catch (Exception e) {
            String why = e instanceof BindException || e.getCause() instanceof BindException
                    ? "address in use or not permitted"
                    : e.toString();
            throw new IOException(
                    "cannot bind " + service + " on " + proto + " " + address.getHostString() + ":" + address.getPort()
                            + ": " + why,
                    e);
        }
    }
}
