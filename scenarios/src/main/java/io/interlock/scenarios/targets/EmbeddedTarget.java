package io.interlock.scenarios.targets;

import io.interlock.server.app.Endpoints;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.core.lock.BreakStats;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.faults.Fault;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.probe.ActivityProbe;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.UserConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own server, started in this JVM from a {@link ServerConfig} (by default {@link
 * #ephemeralConfig()}: every port ephemeral, its own portmapper included, so nothing binds or asks
 * port 111 and any number of embedded targets can run at once). Its {@link NfsEndpoint}s carry the
 * explicit MOUNT, NFS and NLM ports, so the engine's clients connect straight to them. Outside a
 * scenario, the first share and the first user of the config are the ones clients use.
 *
 * <p>Each scenario gets a fresh in-memory share of its own (so scenarios never see each other's
 * files) with the scenario's break policy, and the scenario's fault points are switched on for its
 * duration. The break timeout belongs to the whole server ({@code LockManagerConfig}), so a
 * scenario asking for another timeout restarts the server with it; the server then keeps that
 * timeout until a scenario asks for a different one, so a catalog restarts rarely.
 *
 * <p>NLM runs with no grace period and calls GRANTED back on {@link
 * NlmConfig#INTERLOCK_CALLBACK_PROGRAM}, the program the engine's callback listener registers in
 * the server's own portmapper (client and server share 127.0.0.1): the server asks for it at its own
 * portmapper's port on the client's host, wherever that portmapper runs. With the portmapper off
 * ({@code PortmapMode.OFF}) no callback can find the engine, and scenarios with blocking NLM locks
 * are SKIPPED. Each scenario also gets a {@link
 * TargetAdmin}: shares it adds are removed when it ends.
 */
public final class EmbeddedTarget implements Target {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedTarget.class);

    /** NLM settings for scenarios: no grace period, callbacks to the engine's listener program. */
    public static final NlmConfig SCENARIO_NLM =
            NlmConfig.defaults().withGrace(Duration.ZERO).withCallbackProgram(NlmConfig.INTERLOCK_CALLBACK_PROGRAM);

    private final ServerConfig base;
    private final NlmConfig nlm;
    private final boolean lockstep;
    private final AtomicInteger shareCount = new AtomicInteger();
    private volatile InterlockServer server;
    private volatile VirtualServerClock clock;
    private volatile ActivityProbe probe;

    private EmbeddedTarget(ServerConfig base, NlmConfig nlm, boolean lockstep) throws IOException {
        this.base = base;
        this.nlm = nlm;
        this.lockstep = lockstep;
        this.server = launch(base);
    }

    /**
     * Starts the server: on the system clock, or for lockstep on a fresh virtual clock watched by an
     * activity probe (so the engine knows when it is quiet and moves its time).
     */
    private InterlockServer launch(ServerConfig config) throws IOException {
        if (!lockstep) {
            return InterlockServer.start(config, new SystemServerClock(), nlm);
        }
        VirtualServerClock c = new VirtualServerClock();
        ActivityProbe p = ActivityProbe.serializing();
        InterlockServer s = InterlockServer.start(config, c, nlm, p);
        clock = c;
        probe = p;
        return s;
    }

    /**
     * A server for the race engine's lockstep runs: time is virtual (35 s of break timeout cost
     * nothing), an activity probe says when the server is quiet, and the probe runs all handler work
     * of SMB and NFS one task at a time in submission order ({@link ActivityProbe#serializing()}),
     * so that the continuations one lock-manager wake-up releases reach the file system in the order
     * the schedule's inputs fixed, not in the order two pools' threads happen to run them.
     */
    public static EmbeddedTarget startLockstep(ServerConfig config) throws IOException {
        return new EmbeddedTarget(config, SCENARIO_NLM, true);
    }

    /** Whether this target runs its server on a virtual clock with an activity probe. */
    public boolean lockstep() {
        return lockstep;
    }

    /**
     * {@link ServerConfig#ephemeral()} with the portmapper bound on an ephemeral port as well
     * ({@code PortmapMode.BIND}, port 0): what {@link #start()} and {@code interlock run} use.
     */
    public static ServerConfig ephemeralConfig() {
        return ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0);
    }

    /** Starts a server with every port ephemeral, the portmapper's too ({@link #ephemeralConfig()}). */
    public static EmbeddedTarget start() throws IOException {
        return start(ephemeralConfig());
    }

    public static EmbeddedTarget start(ServerConfig config) throws IOException {
        return start(config, SCENARIO_NLM);
    }

    public static EmbeddedTarget start(ServerConfig config, NlmConfig nlm) throws IOException {
        return new EmbeddedTarget(config, nlm, false);
    }

    /** The running server (it changes when a scenario's break timeout forces a restart). */
    public InterlockServer server() {
        return server;
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /** Where SMB clients reach {@code share} of {@code s} as its first user; null when it serves no SMB. */
    public static SmbEndpoint smbOf(InterlockServer s, String share) {
        Endpoints e = s.endpoints();
        UserConfig user = s.config().users().get(0);
        return e == null || e.smb() == null
                ? null
                : new SmbEndpoint(host(e.smb()), e.smb().getPort(), share, user.name(), user.password());
    }

    private static NfsEndpoint nfsOf(InterlockServer s, String share) {
        Endpoints e = s.endpoints();
        return e == null || e.nfs() == null
                ? null
                : new NfsEndpoint(
                        host(e.nfs()),
                        "/" + share,
                        e.nfs().getPort(),
                        e.mount() == null ? 0 : e.mount().getPort(),
                        e.nlm() == null ? 0 : e.nlm().getPort(),
                        portmapPort(s.config(), e));
    }

    /**
     * Where the server's programs are registered: its own portmapper; else, unless the portmapper
     * is off, the rpcbind it registered with on the configured port (normally 111).
     */
    private static int portmapPort(ServerConfig c, Endpoints e) {
        if (e.portmap() != null) {
            return e.portmap().getPort();
        }
        if (c.portmap() == PortmapMode.OFF) {
            return 0;
        }
        return c.portmapPort() == 0 ? NfsEndpoint.PORTMAP_PORT : c.portmapPort();
    }

    private String defaultShare() {
        return server.config().shares().get(0).name();
    }

    @Override
    public String describe() {
        SmbEndpoint smb = smbOf(server, defaultShare());
        NfsEndpoint nfs = nfsOf(server, defaultShare());
        var cfg = server.config();
        String faults = cfg.faults().isEmpty()
                ? ""
                : " faults=" + cfg.faults().stream().map(Enum::name).sorted().toList();
        return "embedded" + (smb != null ? " " + smb : " (no SMB)") + (nfs != null ? " " + nfs : " (no NFS)")
                + " policy=" + cfg.breakPolicy().name().toLowerCase(java.util.Locale.ROOT) + " break-timeout="
                + cfg.breakTimeout() + faults;
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.ofNullable(smbOf(server, defaultShare()));
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.ofNullable(nfsOf(server, defaultShare()));
    }

    /** Everything: every break policy and timeout, fault points, the admin view, one namespace. */
    @Override
    public TargetCapabilities capabilities() {
        return TargetCapabilities.interlock(smb().isPresent(), nfs().isPresent());
    }

    @Override
    public synchronized TargetSetup setup(ServerSettings settings) throws IOException {
        Duration timeout = settings.breakTimeout() != null ? settings.breakTimeout() : base.breakTimeout();
        if (!timeout.equals(server.config().breakTimeout())) {
            restart(server.config().withBreaks(timeout, server.config().breakPolicy()));
        }
        InterlockServer s = server;
        // one width for every scenario's share: its name is in the MOUNT path and the tree connect,
        // so replays on one server send frames of the same sizes whichever run they are
        String name = String.format(Locale.ROOT, "sc%06d", shareCount.incrementAndGet() % 1_000_000);
        BreakPolicy policy = settings.policyOr(base.breakPolicy());
        s.shares().add(new Share(name, s.newMemoryStore(), policy, true));
        Set<Fault> before = s.faults().enabled();
        Set<Fault> added = settings.faultSet();
        added.forEach(s.faults()::enable);
        log.debug("scenario share {} policy {} timeout {} faults {}", name, policy, timeout, added);
        SmbEndpoint smb = smbOf(s, name);
        NfsEndpoint nfs = nfsOf(s, name);
        Admin admin = new Admin(s, policy);
        VirtualServerClock c = lockstep ? clock : null;
        ActivityProbe p = lockstep ? probe : null;
        return new TargetSetup() {
            @Override
            public Optional<VirtualServerClock> virtualClock() {
                return Optional.ofNullable(c);
            }

            @Override
            public Optional<String> breakPolicy() {
                return Optional.of(policy.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public Optional<Duration> breakTimeout() {
                return Optional.of(timeout);
            }

            @Override
            public Optional<ActivityProbe> probe() {
                return Optional.ofNullable(p);
            }

            @Override
            public Optional<String> skipReason() {
                return Optional.empty();
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return Optional.ofNullable(smb);
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return Optional.ofNullable(nfs);
            }

            @Override
            public Optional<TargetAdmin> admin() {
                return Optional.of(admin);
            }

            @Override
            public void close() {
                admin.removeAdded();
                for (Fault f : added) {
                    if (!before.contains(f)) {
                        s.faults().disable(f);
                    }
                }
                s.shares().remove(name);
            }
        };
    }

    /** {@link TargetAdmin#lease}, read from the lock manager of {@code s}. */
    public static Optional<TargetAdmin.LeaseSnapshot> leaseOf(InterlockServer s, UUID clientGuid, UUID leaseKey) {
        return s.locks()
                .lease(new LeaseKey(clientGuid, leaseKey))
                .map(v -> new TargetAdmin.LeaseSnapshot(v.state(), v.breaking(), v.breakTo()));
    }

    /** {@link TargetAdmin#breaks}, read from the lock manager of {@code s}. */
    public static TargetAdmin.BreakCount breaksOf(InterlockServer s, String trigger) {
        BreakStats st = s.locks().breakStats().get(BreakTrigger.valueOf(trigger.toUpperCase(Locale.ROOT)));
        return st == null ? new TargetAdmin.BreakCount(0, 0) : new TargetAdmin.BreakCount(st.count(), st.timedOut());
    }

    private void restart(ServerConfig config) throws IOException {
        log.info("restarting the embedded server with break timeout {}", config.breakTimeout());
        server.close();
        server = launch(config);
    }

    /** Share changes and lock-manager views of one scenario's server. */
    private static final class Admin implements TargetAdmin {
        private final InterlockServer s;
        private final BreakPolicy policy;
        private final Set<String> added = ConcurrentHashMap.newKeySet();

        Admin(InterlockServer s, BreakPolicy policy) {
            this.s = s;
            this.policy = policy;
        }

        @Override
        public void addShare(String name) {
            s.shares().add(new Share(name, s.newMemoryStore(), policy, true));
            added.add(name);
        }

        @Override
        public boolean removeShare(String name) {
            added.remove(name);
            return s.shares().remove(name);
        }

        @Override
        public boolean disableShare(String name) {
            return s.shares().setEnabled(name, false);
        }

        @Override
        public Optional<LeaseSnapshot> lease(UUID clientGuid, UUID leaseKey) {
            return leaseOf(s, clientGuid, leaseKey);
        }

        @Override
        public java.util.Set<String> shareNames() {
            java.util.Set<String> out = new java.util.TreeSet<>();
            for (Share sh : s.shares().list()) {
                if (sh.enabled()) {
                    out.add(sh.name());
                }
            }
            return out;
        }

        @Override
        public BreakCount breaks(String trigger) {
            return breaksOf(s, trigger);
        }

        void removeAdded() {
            for (String n : added) {
                s.shares().remove(n);
            }
            added.clear();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
