package io.interlock.server.smb2;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.net.BulkAllocator;
import io.interlock.server.net.ConnectionCounter;
import io.interlock.server.net.ConnectionGuard;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ShareRegistry;
import io.interlock.server.smb2.handlers.Smb2Dispatcher;
import io.interlock.server.smb2.handlers.Smb2Options;
import io.interlock.server.smb2.handlers.Smb2Services;
import io.interlock.server.smb2.pipe.ShareListCache;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMB2/3 server: a Netty pipeline per connection (transport framing, message decoding, the
 * dispatching stage, the frame encoder) in front of handlers that run on a bounded pool with one
 * serial lane per connection.
 */
public final class Smb2Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Smb2Server.class);

    private final ServerConfig config;
    private final ShareRegistry shares;
    /** Completes when the start's warm-up is over (at once without one). */
    private volatile CompletableFuture<Void> warmedUp = CompletableFuture.completedFuture(null);

    private final Smb2Services services;
    private final Smb2Dispatcher dispatcher;
    private final ChannelGroup channels = new DefaultChannelGroup("smb2", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ExecutorService pool;
    private final io.interlock.server.probe.ActivityProbe probe;
    private Channel serverChannel;
    private AutoCloseable shareSubscription;

    public Smb2Server(
            ServerConfig config, ShareRegistry shares, LockManager locks, ServerClock clock, FaultPoints faults) {
        this(config, shares, locks, clock, faults, Smb2Options.defaults());
    }

    /** A server with SMB-only options (encryption). */
    public Smb2Server(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            Smb2Options options) {
        this(config, shares, locks, clock, faults, options, null);
    }

    /** With a harness's activity probe (null: none): it sees every connection and every task. */
    public Smb2Server(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            Smb2Options options,
            io.interlock.server.probe.ActivityProbe probe) {
        this.probe = probe;
        this.config = config;
        this.shares = shares;
        this.services = Smb2Services.create(config, shares, locks, clock, faults, options);
        this.dispatcher = new Smb2Dispatcher(services);
    }

    /** The lease-break notifier to give the lock manager's requests (also used internally). */
    public io.interlock.server.core.lock.BreakNotifier breakNotifier() {
        return services.breaker();
    }

    /** Binds {@code bindAddress:smbPort} (0 = ephemeral) and returns the bound address. */
    public synchronized InetSocketAddress start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        // changes made while stopped were not observed: start from an empty cache (R-CACHE-7)
        services.shareList().invalidate();
        shareSubscription = services.shareList().subscribe(shares);
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "smb2-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
        java.util.concurrent.Executor lanes = probe == null ? pool : probe.trackHandlers(pool);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        if (probe != null) {
            probe.register(workers);
        }
        Smb2FrameEncoder encoder = new Smb2FrameEncoder();
        ConnectionCounter counter = new ConnectionCounter(config.limits().maxConnections());
        int preLoginMax = config.limits().preLoginMaxBytes();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, BulkAllocator.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (probe != null) {
                            ch.pipeline().addLast("probe", probe.handler());
                        }
                        ch.pipeline()
                                .addLast("guard", new ConnectionGuard("SMB", config.limits(), counter))
                                .addLast("frame", new Smb2FrameDecoder(preLoginMax))
                                .addLast("message", new Smb2MessageDecoder())
                                .addLast("encoder", encoder)
                                .addLast("dispatch", new Smb2ChannelHandler(services, dispatcher, lanes));
                    }
                });
        InetSocketAddress want = new InetSocketAddress(config.bindAddress(), config.smbPort());
        try {
            serverChannel = b.bind(want).sync().channel();
        } catch (Exception e) {
            close();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IOException("SMB port " + config.smbPort() + " on " + config.bindAddress() + " is in use", e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot bind SMB on " + want + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        if (probe == null) { // a lockstep harness counts every task: it gets no background work
            warmedUp = Smb2Warmup.start(workers, dispatcher);
        }
        log.info("SMB2 server listening on {}", bound);
        return bound;
    }

    /** Counters (encrypted frames, interim responses, cancels). */
    public io.interlock.server.smb2.handlers.Smb2Stats stats() {
        return services.stats();
    }

    /** The srvsvc share-list cache (its rebuild and invalidation counters serve tests). */
    public ShareListCache shareListCache() {
        return services.shareList();
    }

    @Override
    public synchronized void close() {
        if (shareSubscription != null) {
            try {
                shareSubscription.close();
            } catch (Exception e) {
                log.warn("share registry unsubscribe failed", e);
            }
            shareSubscription = null;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        channels.close().awaitUninterruptibly();
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            workers = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            boss = null;
        }
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    /** Completes when the warm-up begun at start is over, however it went. */
    public CompletableFuture<Void> warmedUp() {
        return warmedUp;
    }

    /**
     * Sends one NEGOTIATE to the SMB listener at {@code address} over TCP and reads the answer (an
     * SMB2 message is all it checks), then closes: that the listener answers, and on the way the
     * classes of a real connection (accept, pipeline, framing) are loaded before the first client's.
     */
    public static void checkListener(InetSocketAddress address, Duration timeout) throws IOException {
        byte[] negotiate = Smb2Warmup.negotiate();
        try (Socket s = new Socket()) {
            s.connect(address, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(negotiate.length); // direct TCP transport header: 0x00 and a 24-bit length
            out.write(negotiate);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readInt() & 0xFFFFFF;
            byte[] reply = new byte[length];
            in.readFully(reply);
            if (length < 4 || reply[0] != (byte) 0xFE || reply[1] != 'S' || reply[2] != 'M' || reply[3] != 'B') {
                throw new IOException("the SMB listener at " + address + " answered NEGOTIATE with no SMB2 message");
            }
        }
    }
}
