package io.interlock.server.app;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.core.vfs.local.LocalFileSystem;
import io.interlock.server.core.vfs.memory.MemoryBudget;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.NfsServer;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.nfs.v3.Nfs3PermissionMode;
import io.interlock.server.nfs.v3.Nfs3Procedure;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.probe.ActivityProbe;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareConfig;
import io.interlock.server.runtime.ShareRegistry;
import io.interlock.server.smb2.Smb2Server;
import io.interlock.server.smb2.handlers.Smb2Options;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from a {@link ServerConfig}, starts the protocol
 * services, and stops them in reverse order. The only class that sees both SMB and NFS.
 */
public final class InterlockServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InterlockServer.class);

    private final ServerConfig config;
    private final ServerClock clock;
    private final FaultPoints faults;
    private final LockManager locks;
    private final ShareRegistry shares;
    private final NlmConfig nlmConfig;
    private final ActivityProbe probe;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    /** The services' start-time warm-ups (off the first client's clock). */
    private final List<CompletableFuture<Void>> warmUps = new ArrayList<>();

    private final AtomicInteger nextVolume = new AtomicInteger();
    /** What every in-memory share holds together (limits.memory-capacity). */
    private final MemoryBudget memoryBudget;

    private Endpoints endpoints;

    private InterlockServer(ServerConfig config, ServerClock clock, NlmConfig nlmConfig, ActivityProbe probe) {
        this.probe = probe;
        this.config = config;
        this.nlmConfig = nlmConfig;
        this.clock = clock;
        this.faults = new FaultPoints(config.faults());
        this.locks = new LockManager(clock, new LockManagerConfig(config.breakTimeout()), faults);
        this.shares = new ShareRegistry();
        this.memoryBudget = new MemoryBudget(config.limits().effectiveMemoryCapacity());
    }

    /**
     * A fresh in-memory store on a volume of its own: the lock manager is shared by every share and
     * keyed by FileId, so two shares' stores must never issue equal ids. All of them draw on one
     * {@link MemoryBudget} of {@code limits.memory-capacity} bytes (memory volumes start at
     * 1; a host-directory store uses inode numbers, which stay below 2^40 on common file systems).
     */
    public VirtualFileSystem newMemoryStore() {
        return new MemoryFileSystem(clock.asJavaClock(), nextVolume.incrementAndGet(), memoryBudget);
    }

    private void addConfiguredShares() throws IOException {
        for (ShareConfig sc : config.shares()) {
            VirtualFileSystem fs =
                    sc.path() == null ? newMemoryStore() : new LocalFileSystem(Path.of(sc.path()), clock.asJavaClock());
            shares.add(
                    new Share(sc.name(), fs, sc.breakPolicy() != null ? sc.breakPolicy() : config.breakPolicy(), true));
        }
    }

    /** Builds and starts a server on the system clock. */
    public static InterlockServer start(ServerConfig config) throws IOException {
        return start(config, new SystemServerClock());
    }

    /** Builds and starts a server on the given clock. */
    public static InterlockServer start(ServerConfig config, ServerClock clock) throws IOException {
        return start(config, clock, NlmConfig.defaults());
    }

    /** Builds and starts a server with NLM settings (e.g. a short grace period in tests). */
    public static InterlockServer start(ServerConfig config, ServerClock clock, NlmConfig nlmConfig)
            throws IOException {
        return start(config, clock, nlmConfig, null);
    }

    /**
     * Builds and starts a server watched by a harness's {@link ActivityProbe} (null: none), which
     * then tells when the server has nothing left to do (the race engine's lockstep scheduler).
     */
    public static InterlockServer start(
            ServerConfig config, ServerClock clock, NlmConfig nlmConfig, ActivityProbe probe) throws IOException {
        InterlockServer s = new InterlockServer(config, clock, nlmConfig, probe);
        try {
            s.addConfiguredShares();
            s.startServices();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startServices() throws IOException {
        // Protocol services are started here (SMB, then NFS/MOUNT/portmap/NLM).
        Smb2Server smb = new Smb2Server(
                config,
                shares,
                locks,
                clock,
                faults,
                new Smb2Options(config.encryptionRequired(), config.encryptedShares()),
                probe);
        running.push(smb);
        InetSocketAddress smbAddress = smb.start();
        warmUps.add(smb.warmedUp());
        NfsServer nfs =
                new NfsServer(config, shares, locks, clock, faults, Nfs3PermissionMode.ALLOW_ALL, nlmConfig, probe);
        running.push(nfs);
        NfsServer.NfsEndpoints ne = nfs.start();
        warmUps.add(nfs.warmedUp());
        endpoints = new Endpoints(smbAddress, ne.nfs(), ne.mount(), ne.portmap(), ne.nlm());
        log.debug(endpoints.readyLine());
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * Waits (at most {@code timeout}) for the services' start-time warm-ups, then calls each listener
     * over loopback TCP as a client would: SMB NEGOTIATE, MOUNT NULL and NFS
     * NULL; then, as a first NFS client does, MNT of the first share, FSINFO and READDIRPLUS of its
     * root, and UMNT (which takes the mount back out of the mount list). {@code interlock serve} does
     * it before it says it is ready: a listener that does not answer is found at start, and the
     * first client no longer pays for loading the classes of accepting and framing a connection and
     * of those procedures (issue 11: 55 ms to a first MOUNT + FSINFO, 40 ms to a first nfs-ls).
     */
    public void checkListeners(Duration timeout) throws IOException {
        try { // the warm-ups first: a first client must not meet them still running
            CompletableFuture.allOf(warmUps.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("warm-up not over before the self-check: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the warm-up", e);
        }
        if (endpoints.smb() != null) {
            Smb2Server.checkListener(reachable(endpoints.smb()), timeout);
        }
        if (endpoints.mount() == null || endpoints.nfs() == null) {
            return;
        }
        try (RpcClient mount = new RpcClient(reachable(endpoints.mount()), timeout);
                RpcClient nfs = new RpcClient(reachable(endpoints.nfs()), timeout)) {
            callNull(mount, MountProgram.PROGRAM, MountProgram.VERSION);
            callNull(nfs, Nfs3Program.PROGRAM, Nfs3Program.VERSION);
            List<Share> all = shares.list();
            if (!all.isEmpty()) {
                mountAndList(mount, nfs, all.get(0).exportPath());
            }
        }
    }

    private static void callNull(RpcClient c, int program, int version) throws IOException {
        if (!c.call(program, version, 0, RpcCredential.None.INSTANCE, XdrEncodable.VOID)
                .success()) {
            throw new IOException("program " + program + " refused its NULL procedure");
        }
    }

    /** MNT of {@code path}, FSINFO and READDIRPLUS of its root, then UMNT. */
    private static void mountAndList(RpcClient mount, RpcClient nfs, String path) throws IOException {
        RpcCredential root = new RpcCredential.Sys(0, "interlock-self-check", 0, 0, List.of());
        RpcReplyView mnt = mount.call(
                MountProgram.PROGRAM,
                MountProgram.VERSION,
                MountProgram.MOUNTPROC3_MNT,
                root,
                w -> w.writeString(path));
        if (!mnt.success() || mnt.results().readInt() != MountProgram.MNT3_OK) {
            throw new IOException("MNT " + path + " was refused");
        }
        byte[] fh = mnt.results().readOpaque(Nfs3FileHandle.MAX_LENGTH);
        try {
            nfs.call(
                    Nfs3Program.PROGRAM,
                    Nfs3Program.VERSION,
                    Nfs3Procedure.FSINFO.number(),
                    root,
                    w -> w.writeOpaque(fh));
            // dir, cookie, cookieverf, dircount, maxcount (RFC 1813 §3.3.17)
            nfs.call(
                    Nfs3Program.PROGRAM,
                    Nfs3Program.VERSION,
                    Nfs3Procedure.READDIRPLUS.number(),
                    root,
                    w -> w.writeOpaque(fh)
                            .writeLong(0)
                            .writeFixedOpaque(new byte[8])
                            .writeInt(4096)
                            .writeInt(32768));
        } finally {
            mount.call(
                    MountProgram.PROGRAM,
                    MountProgram.VERSION,
                    MountProgram.MOUNTPROC3_UMNT,
                    root,
                    w -> w.writeString(path));
        }
    }

    /** A wildcard listener is reached over loopback. */
    private static InetSocketAddress reachable(InetSocketAddress a) {
        return a.getAddress() != null && a.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), a.getPort())
                : a;
    }

    public ServerConfig config() {
        return config;
    }

    public FaultPoints faults() {
        return faults;
    }

    public LockManager locks() {
        return locks;
    }

    public ShareRegistry shares() {
        return shares;
    }

    public ServerClock clock() {
        return clock;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                log.warn("error while stopping a service", e);
            }
        }
        if (clock instanceof SystemServerClock sc) {
            sc.close();
        }
    }
}
