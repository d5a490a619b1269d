package io.interlock.server.nfs;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.net.BulkAllocator;
import io.interlock.server.net.ConnectionCounter;
import io.interlock.server.net.NettyPayloads;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.nlm.Nlm4Program;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.nfs.nlm.NlmService;
import io.interlock.server.nfs.nsm.NsmProgram;
import io.interlock.server.nfs.portmap.PortmapMapping;
import io.interlock.server.nfs.portmap.PortmapProgram;
import io.interlock.server.nfs.portmap.PortmapTable;
import io.interlock.server.nfs.portmap.RpcbindRegistrar;
import io.interlock.server.nfs.v3.Nfs3BreakGate;
import io.interlock.server.nfs.v3.Nfs3Context;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.nfs.v3.Nfs3PermissionMode;
import io.interlock.server.nfs.v3.Nfs3Procedure;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.probe.ActivityProbe;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcCallProcessor;
import io.interlock.server.rpc.RpcReplyCache;
import io.interlock.server.rpc.RpcServer;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NFS side of the server: NFSv3 and MOUNT v3 over TCP, and the port-111 story (our own
 * portmapper v2 and rpcbind v3/v4 on TCP and UDP, or registration with a running rpcbind), per {@link
 * ServerConfig#portmap()}.
 */
public final class NfsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NfsServer.class);

    /** Completes when the start's warm-up is over (at once without one). */
    private volatile CompletableFuture<Void> warmedUp = CompletableFuture.completedFuture(null);

    /**
     * Where the NFS services listen.
     *
     * @param nfs NFSv3 (100003) over TCP
     * @param mount MOUNT v3 (100005) over TCP
     * @param portmap our own portmapper, or null (registered with rpcbind, or none)
     * @param nlm NLM v4 (100021) and NSM v1 (100024) over TCP (and UDP on the same port if free)
     */
    public record NfsEndpoints(
            InetSocketAddress nfs, InetSocketAddress mount, InetSocketAddress portmap, InetSocketAddress nlm) {}

    private final ServerConfig config;
    private final ShareRegistry shares;
    private final LockManager locks;
    private final ServerClock clock;
    private final FaultPoints faults;
    private final NlmConfig nlmConfig;

    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ThreadPoolExecutor pool;
    private RpcbindRegistrar registrar;
    private NlmService nlm;
    private NfsEndpoints endpoints;

    private final Nfs3PermissionMode permissions;
    private final ActivityProbe probe;
    private Executor exec;
    /** Open TCP connections of every RPC listener together, against {@code max-connections}. */
    private ConnectionCounter connections;

    /** A server whose exports allow everything (the harness default, {@link Nfs3PermissionMode#ALLOW_ALL}). */
    public NfsServer(
            ServerConfig config, ShareRegistry shares, LockManager locks, ServerClock clock, FaultPoints faults) {
        this(config, shares, locks, clock, faults, Nfs3PermissionMode.ALLOW_ALL, NlmConfig.defaults());
    }

    /** With a permission model. */
    public NfsServer(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            Nfs3PermissionMode permissions) {
        this(config, shares, locks, clock, faults, permissions, NlmConfig.defaults());
    }

    /** With NLM settings (grace period, callback program, ...). */
    public NfsServer(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            NlmConfig nlmConfig) {
        this(config, shares, locks, clock, faults, Nfs3PermissionMode.ALLOW_ALL, nlmConfig);
    }

    /** With a permission model and NLM settings. */
    public NfsServer(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            Nfs3PermissionMode permissions,
            NlmConfig nlmConfig) {
        this(config, shares, locks, clock, faults, permissions, nlmConfig, null);
    }

    /** With a harness's activity probe (null: none): it sees every connection and every task. */
    public NfsServer(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            Nfs3PermissionMode permissions,
            NlmConfig nlmConfig,
            ActivityProbe probe) {
        this.probe = probe;
        this.permissions = permissions;
        this.nlmConfig = nlmConfig;
        this.config = config;
        this.shares = shares;
        this.locks = locks;
        this.clock = clock;
        this.faults = faults;
    }

    /** Binds the listeners; on failure everything started so far is closed again. */
    public synchronized NfsEndpoints start() throws IOException {
        if (endpoints != null) {
            return endpoints;
        }
        try {
            endpoints = doStart();
            return endpoints;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private NfsEndpoints doStart() throws IOException {
        connections = new ConnectionCounter(config.limits().maxConnections());
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096), r -> {
            Thread t = new Thread(r, "nfs-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        exec = probe == null ? pool : probe.trackHandlers(pool);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        if (probe != null) {
            probe.register(workers);
        }

        byte[] verifier = new byte[8];
        new SecureRandom().nextBytes(verifier);
        Nfs3Context ctx = new Nfs3Context(
                shares,
                new Nfs3BreakGate(locks, faults, exec),
                clock,
                verifier,
                permissions,
                new NettyPayloads(BulkAllocator.INSTANCE));
        RpcCallProcessor nfs = new RpcCallProcessor(List.of(new Nfs3Program(ctx)), new RpcReplyCache(clock));
        RpcCallProcessor mount = new RpcCallProcessor(List.of(new MountProgram(shares)));

        String host = config.bindAddress();
        Channel nfsCh = bindTcp("NFS", new InetSocketAddress(host, config.nfsPort()), nfs);
        channels.add(nfsCh);
        Channel mountCh = bindTcp("MOUNT", new InetSocketAddress(host, config.mountPort()), mount);
        channels.add(mountCh);
        InetSocketAddress nfsAddr = (InetSocketAddress) nfsCh.localAddress();
        InetSocketAddress mountAddr = (InetSocketAddress) mountCh.localAddress();
        List<PortmapMapping> ours = new ArrayList<>(List.of(
                new PortmapMapping(Nfs3Program.PROGRAM, Nfs3Program.VERSION, Rpc.IPPROTO_TCP, nfsAddr.getPort()),
                new PortmapMapping(MountProgram.PROGRAM, MountProgram.VERSION, Rpc.IPPROTO_TCP, mountAddr.getPort())));
        InetSocketAddress nlmAddr = startNlm(host, ours);
        InetSocketAddress pmAddr = portmap(host, ours);
        nlm.bound(nlmAddr, pmAddr != null ? pmAddr.getPort() : config.portmapPort());
        if (probe == null) { // a lockstep harness counts every task: it gets no background work
            warmedUp = RpcServer.warmUp(workers, warmUpCalls(nfs, mount));
        }
        log.info(
                "NFS ready: nfs={} mount={} nlm={} portmap={}",
                nfsAddr,
                mountAddr,
                nlmAddr,
                pmAddr != null ? pmAddr : "-");
        return new NfsEndpoints(nfsAddr, mountAddr, pmAddr, nlmAddr);
    }

    /** Completes when the warm-up begun at start is over. */
    public CompletableFuture<Void> warmedUp() {
        return warmedUp;
    }

    /**
     * What an NFS client does first, none of it changing anything: MOUNT NULL and EXPORT, NFS NULL,
     * and on the first share's root FSINFO, PATHCONF, GETATTR, ACCESS and a LOOKUP of a name that is
     * not there.
     */
    private List<RpcServer.WarmUpCall> warmUpCalls(RpcCallProcessor nfs, RpcCallProcessor mount) {
        List<RpcServer.WarmUpCall> calls = new ArrayList<>(List.of(
                RpcServer.WarmUpCall.nullOf(mount, MountProgram.PROGRAM, MountProgram.VERSION),
                new RpcServer.WarmUpCall(
                        mount,
                        MountProgram.PROGRAM,
                        MountProgram.VERSION,
                        MountProgram.MOUNTPROC3_EXPORT,
                        XdrEncodable.VOID),
                RpcServer.WarmUpCall.nullOf(nfs, Nfs3Program.PROGRAM, Nfs3Program.VERSION)));
        List<Share> all = shares.list();
        if (all.isEmpty()) {
            return calls;
        }
        Share first = all.get(0);
        byte[] root = new Nfs3FileHandle(
                        Nfs3FileHandle.shareIdOf(first.name()), first.fs().root())
                .encode();
        for (Nfs3Procedure p : List.of(Nfs3Procedure.FSINFO, Nfs3Procedure.PATHCONF, Nfs3Procedure.GETATTR)) {
            calls.add(nfsCall(nfs, p, w -> w.writeOpaque(root)));
        }
        calls.add(nfsCall(nfs, Nfs3Procedure.ACCESS, w -> w.writeOpaque(root).writeInt(0x3f))); // every ACCESS3 bit
        calls.add(nfsCall(nfs, Nfs3Procedure.LOOKUP, w -> w.writeOpaque(root).writeString("interlock-warm-up-absent")));
        return calls;
    }

    private static RpcServer.WarmUpCall nfsCall(RpcCallProcessor nfs, Nfs3Procedure p, XdrEncodable args) {
        return new RpcServer.WarmUpCall(nfs, Nfs3Program.PROGRAM, Nfs3Program.VERSION, p.number(), args);
    }

    /**
     * A TCP listener on this server's event loops and executor, with the server's limits, its one
     * connection count shared by every listener, and the probe.
     */
    private Channel bindTcp(String service, InetSocketAddress address, RpcCallProcessor processor) throws IOException {
        return RpcServer.bindTcp(service, boss, workers, address, processor, exec, config.limits(), connections, probe);
    }

    /** A UDP listener on this server's event loops and executor. */
    private Channel bindUdp(String service, InetSocketAddress address, RpcCallProcessor processor) throws IOException {
        return RpcServer.bindUdp(service, workers, address, processor, exec);
    }

    /** NLM v4 + NSM v1 on one listener (TCP, plus UDP when that port is free on UDP too). */
    private InetSocketAddress startNlm(String host, List<PortmapMapping> ours) throws IOException {
        nlm = new NlmService(nlmConfig, shares, locks, clock, exec, faults, probe);
        RpcCallProcessor p = new RpcCallProcessor(nlm.programs());
        Channel tcp = bindTcp("NLM", new InetSocketAddress(host, config.nlmPort()), p);
        channels.add(tcp);
        InetSocketAddress addr = (InetSocketAddress) tcp.localAddress();
        int port = addr.getPort();
        ours.add(new PortmapMapping(Nlm4Program.PROGRAM, Nlm4Program.VERSION, Rpc.IPPROTO_TCP, port));
        ours.add(new PortmapMapping(NsmProgram.PROGRAM, NsmProgram.VERSION, Rpc.IPPROTO_TCP, port));
        try {
            channels.add(bindUdp("NLM", new InetSocketAddress(host, port), p));
            ours.add(new PortmapMapping(Nlm4Program.PROGRAM, Nlm4Program.VERSION, Rpc.IPPROTO_UDP, port));
            ours.add(new PortmapMapping(NsmProgram.PROGRAM, NsmProgram.VERSION, Rpc.IPPROTO_UDP, port));
        } catch (IOException e) {
            log.debug("NLM over UDP not served: {}", e.getMessage());
        }
        return addr;
    }

    /** Applies the port-111 mode; returns our own portmapper's address, or null. */
    private InetSocketAddress portmap(String host, List<PortmapMapping> ours) throws IOException {
        PortmapMode mode = config.portmap();
        int port = config.portmapPort();
        InetSocketAddress wanted = new InetSocketAddress(host, port);
        if (mode == PortmapMode.OFF) {
            return null;
        }
        if (mode == PortmapMode.BIND || mode == PortmapMode.AUTO) {
            try {
                return bindPortmap(wanted, ours);
            } catch (IOException e) {
                if (mode == PortmapMode.BIND) {
                    throw e;
                }
                log.debug("own portmapper not bound: {}", e.getMessage());
            }
        }
        InetSocketAddress rpcbind = new InetSocketAddress("127.0.0.1", port == 0 ? 111 : port);
        if (RpcbindRegistrar.reachable(rpcbind)) {
            registrar = new RpcbindRegistrar(rpcbind);
            try {
                registrar.register(ours);
                return null;
            } catch (IOException e) {
                if (mode == PortmapMode.RPCBIND) {
                    throw e;
                }
                log.warn("could not register with rpcbind at {}: {}", rpcbind, e.getMessage());
            }
        }
        if (mode == PortmapMode.RPCBIND) {
            throw new IOException("portmap mode rpcbind: no portmapper answers at " + rpcbind);
        }
        log.warn(
                "port {} is neither free nor served by a portmapper/rpcbind we can register with: clients that "
                        + "look the server up through port {} (e.g. nfs-client-java) cannot find it; NFS is on its own "
                        + "ports only",
                port,
                port);
        return null;
    }

    private InetSocketAddress bindPortmap(InetSocketAddress wanted, List<PortmapMapping> ours) throws IOException {
        PortmapTable table = new PortmapTable();
        RpcCallProcessor pm = new RpcCallProcessor(List.of(new PortmapProgram(table, clock)));
        Channel tcp = bindTcp("portmapper", wanted, pm);
        InetSocketAddress bound = (InetSocketAddress) tcp.localAddress();
        Channel udp;
        try {
            udp = bindUdp("portmapper", new InetSocketAddress(wanted.getAddress(), bound.getPort()), pm);
        } catch (IOException e) {
            tcp.close().syncUninterruptibly();
            throw e;
        }
        channels.add(tcp);
        channels.add(udp);
        // rpcbind registers itself as v4, v3 and v2 on each transport; so do we
        for (int v = PortmapProgram.RPCBVERS4; v >= PortmapProgram.VERSION; v--) {
            table.set(new PortmapMapping(PortmapProgram.PROGRAM, v, Rpc.IPPROTO_TCP, bound.getPort()));
            table.set(new PortmapMapping(PortmapProgram.PROGRAM, v, Rpc.IPPROTO_UDP, bound.getPort()));
        }
        for (PortmapMapping m : ours) {
            table.set(m);
        }
        return bound;
    }

    public synchronized NfsEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public synchronized void close() {
        if (registrar != null) {
            registrar.close();
            registrar = null;
        }
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        channels.clear();
        if (nlm != null) {
            nlm.close();
            nlm = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        endpoints = null;
    }
}
