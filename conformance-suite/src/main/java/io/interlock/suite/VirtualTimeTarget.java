package io.interlock.suite;

import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.scenarios.targets.TargetSetup;
import io.interlock.server.app.Endpoints;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our embedded server on a {@link VirtualServerClock}, for the conformance suites: the break timer,
 * the NLM grace period and every other server timer fire only when a test advances the clock, so a
 * 35 s break timeout is tested at its real value in milliseconds. Every port is ephemeral (its own
 * portmapper's too), as for {@link EmbeddedTarget}.
 *
 * <p>Each test gets a fresh in-memory share ({@link #setup}). The target can be {@linkplain
 * #restart restarted} the way a machine reboots: the stores survive (their files and file handles),
 * everything in memory of the server does not (locks, leases, the NFS write verifier), the NSM state
 * number is kept in a file and goes up, and NLM starts with the grace period the restart asks for.
 * The endpoints of a setup follow the restarted server's new ports.
 */
public final class VirtualTimeTarget implements Target {
    /** Volumes of the stores this target creates, clear of the server's own (which start at 1). */
    private static final int FIRST_VOLUME = 1_000_000;

    private final ServerConfig config;
    private final VirtualServerClock clock = new VirtualServerClock();
    private final Path stateDir;
    private final Map<String, Share> shares = new ConcurrentHashMap<>();
    private final AtomicInteger nextVolume = new AtomicInteger(FIRST_VOLUME);
    private final AtomicInteger shareCount = new AtomicInteger();
    private volatile NlmConfig nlm;
    private volatile InterlockServer server;

    private VirtualTimeTarget(ServerConfig config, Path stateDir, NlmConfig nlm) throws IOException {
        this.config = config;
        this.stateDir = stateDir;
        this.nlm = nlm;
        this.server = InterlockServer.start(config, clock, nlm);
    }

    /** Starts the server with every port ephemeral ({@link EmbeddedTarget#ephemeralConfig()}). */
    public static VirtualTimeTarget start() throws IOException {
        return start(EmbeddedTarget.ephemeralConfig());
    }

    public static VirtualTimeTarget start(ServerConfig config) throws IOException {
        Path dir = Files.createTempDirectory("interlock-suite-");
        NlmConfig nlm = EmbeddedTarget.SCENARIO_NLM
                .withNsmStateFile(dir.resolve("nsm-state"))
                .withNsmName("interlock-suite");
        return new VirtualTimeTarget(config, dir, nlm);
    }

    public VirtualServerClock clock() {
        return clock;
    }

    /** The running server (a new one after each restart). */
    public InterlockServer server() {
        return server;
    }

    /**
     * Restarts the server as a reboot would (see the class comment), after one second of virtual
     * time, on the same ports, with NLM's grace period and the R-XP-9 hook as {@code how} says.
     */
    public synchronized void restart(SuiteEnvironment.Restart how) throws IOException {
        InterlockServer old = server;
        old.close();
        clock.advance(Duration.ofSeconds(1));
        nlm = nlm.withGrace(how.grace()).withDenyUnbrokenLease(how.denyUnbrokenLease());
        InterlockServer s;
        try {
            // the same ports, as a rebooted host's services come back on theirs (NSM peers find the
            // new incarnation's portmapper where the old one was)
            s = InterlockServer.start(samePorts(old), clock, nlm);
        } catch (IOException e) {
            s = InterlockServer.start(config, clock, nlm);
        }
        for (Share sh : shares.values()) {
            s.shares().add(sh);
        }
        server = s;
    }

    private ServerConfig samePorts(InterlockServer old) {
        Endpoints e = old.endpoints();
        ServerConfig c = config.withPorts(port(e.smb()), port(e.nfs()), port(e.mount()), port(e.nlm()));
        return e.portmap() == null
                ? c
                : c.withPortmap(config.portmap(), e.portmap().getPort());
    }

    private static int port(InetSocketAddress a) {
        return a == null ? 0 : a.getPort();
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    private SmbEndpoint smbOf(String share) {
        return EmbeddedTarget.smbOf(server, share);
    }

    private NfsEndpoint nfsOf(String share) {
        Endpoints e = server.endpoints();
        return e == null || e.nfs() == null
                ? null
                : new NfsEndpoint(
                        host(e.nfs()),
                        "/" + share,
                        e.nfs().getPort(),
                        e.mount() == null ? 0 : e.mount().getPort(),
                        e.nlm() == null ? 0 : e.nlm().getPort(),
                        e.portmap() == null ? 0 : e.portmap().getPort());
    }

    private String defaultShare() {
        return server.config().shares().get(0).name();
    }

    @Override
    public String describe() {
        SmbEndpoint smb = smbOf(defaultShare());
        NfsEndpoint nfs = nfsOf(defaultShare());
        return "embedded (virtual time)" + (smb != null ? " " + smb : " (no SMB)") + (nfs != null ? " " + nfs : "")
                + " policy=" + server.config().breakPolicy().name().toLowerCase(Locale.ROOT) + " break-timeout="
                + server.config().breakTimeout();
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.ofNullable(smbOf(defaultShare()));
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.ofNullable(nfsOf(defaultShare()));
    }

    /** A fresh in-memory store on a volume of its own. */
    VirtualFileSystem newStore() {
        return new MemoryFileSystem(clock.asJavaClock(), nextVolume.incrementAndGet());
    }

    private void addShare(String name, BreakPolicy policy) {
        Share sh = new Share(name, newStore(), policy, true);
        shares.put(name, sh);
        server.shares().add(sh);
    }

    private boolean removeShare(String name) {
        shares.remove(name);
        return server.shares().remove(name);
    }

    @Override
    public TargetSetup setup(ServerSettings settings) throws IOException {
        String name = "st" + shareCount.incrementAndGet();
        BreakPolicy policy = settings.policyOr(config.breakPolicy());
        addShare(name, policy);
        Set<Fault> added = settings.faultSet();
        added.forEach(server.faults()::enable);
        Admin admin = new Admin(policy);
        return new TargetSetup() {
            @Override
            public Optional<String> skipReason() {
                return Optional.empty();
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return Optional.ofNullable(smbOf(name));
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return Optional.ofNullable(nfsOf(name));
            }

            @Override
            public Optional<TargetAdmin> admin() {
                return Optional.of(admin);
            }

            @Override
            public void close() {
                admin.removeAdded();
                added.forEach(server.faults()::disable);
                removeShare(name);
            }
        };
    }

    /** Share changes and lock-manager views, always of the current server. */
    private final class Admin implements TargetAdmin {
        private final BreakPolicy policy;
        private final Set<String> added = ConcurrentHashMap.newKeySet();

        Admin(BreakPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void addShare(String name) {
            VirtualTimeTarget.this.addShare(name, policy);
            added.add(name);
        }

        @Override
        public boolean removeShare(String name) {
            added.remove(name);
            return VirtualTimeTarget.this.removeShare(name);
        }

        @Override
        public boolean disableShare(String name) {
            return server.shares().setEnabled(name, false);
        }

        @Override
        public Optional<LeaseSnapshot> lease(UUID clientGuid, UUID leaseKey) {
            return EmbeddedTarget.leaseOf(server, clientGuid, leaseKey);
        }

        @Override
        public BreakCount breaks(String trigger) {
            return EmbeddedTarget.breaksOf(server, trigger);
        }

        void removeAdded() {
            for (String n : added) {
                VirtualTimeTarget.this.removeShare(n);
            }
            added.clear();
        }
    }

    @Override
    public void close() {
        server.close();
        try (var paths = Files.walk(stateDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
