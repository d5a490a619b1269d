package io.interlock.scenarios.targets.local;

import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.NlmCallbackRoute;
import io.interlock.scenarios.targets.PathMapping;
import io.interlock.scenarios.targets.ScratchDirectories;
import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetCapabilities;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real peers started by Interlock: Debian's smbd and nfs-ganesha (VFS FSAL) from PATH over one
 * fresh directory, in a private network namespace with their own rpcbind ({@link NetNamespace}).
 *
 * <pre>
 *  this JVM (host namespace)                  namespace interlock-N (private /run too)
 *  10.254.a.b+1  ---------- veth ----------   10.254.a.b+2: smbd :445, ganesha :2049 MOUNT :20048
 *                                                           NLM :32803, rpcbind :111, rpc.statd
 * </pre>
 *
 * The servers are started by one script run as {@code setsid ip netns exec NS unshare --mount
 * --propagation private bash}: it mounts a tmpfs on /run (rpcbind's socket and lock, smbd's and
 * statd's runtime files stay away from the host's), then starts rpcbind, rpc.statd, ganesha and
 * smbd, which daemonise and keep that mount namespace alive. {@code setsid} keeps smbd's process
 * group apart from this JVM's. Teardown stops every process in the namespace (all started here),
 * deletes the namespace and the directory.
 *
 * <p>Needs root and the tools; {@link #unavailable} says what is missing, and the target then
 * skips every scenario with that reason. Scenarios share the servers, each in a directory of its
 * own ({@link ScratchDirectories}).
 */
public final class LocalPeersTarget implements Target {
    private static final Logger log = LoggerFactory.getLogger(LocalPeersTarget.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final List<Path> GANESHA_FSAL_DIRS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/ganesha"),
            Path.of("/usr/lib/aarch64-linux-gnu/ganesha"),
            Path.of("/usr/lib64/ganesha"),
            Path.of("/usr/lib/ganesha"));
    private static final List<Path> SAMBA_VFS_DIRS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/samba/vfs"),
            Path.of("/usr/lib/aarch64-linux-gnu/samba/vfs"),
            Path.of("/usr/lib64/samba/vfs"),
            Path.of("/usr/lib/samba/vfs"));

    private final PeerVariant variant;
    private final PeerLayout layout;
    private final NetNamespace ns;
    private final PeerPorts ports;
    private final String versions;
    private final ScratchDirectories scratch = new ScratchDirectories();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalPeersTarget(
            PeerVariant variant, PeerLayout layout, NetNamespace ns, PeerPorts ports, String versions) {
        this.variant = variant;
        this.layout = layout;
        this.ns = ns;
        this.ports = ports;
        this.versions = versions;
        this.shutdownHook = new Thread(this::close, "interlock-local-peers-stop");
    }

    /** Why {@code variant} cannot start here (not root, a tool or module missing), or empty. */
    public static Optional<String> unavailable(PeerVariant variant) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools(variant)) {
            if (Commands.which(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (variant.ganesha() && findIn(GANESHA_FSAL_DIRS, "libfsalvfs.so").isEmpty()) {
            missing.add("ganesha's VFS FSAL (package nfs-ganesha-vfs)");
        }
        if (variant.samba() && findIn(SAMBA_VFS_DIRS, "streams_xattr.so").isEmpty()) {
            missing.add("Samba's streams_xattr (package samba-vfs-modules)");
        }
        if (!missing.isEmpty()) {
            return Optional.of("local target " + variant.id() + " needs " + String.join(", ", missing)
                    + " (Debian: apt-get install " + String.join(" ", PeerPackages.DEBIAN) + ")");
        }
        if (!Commands.isRoot()) {
            return Optional.of("local target " + variant.id()
                    + " needs root (a private network namespace with its own rpcbind keeps the host's port 111"
                    + " untouched)");
        }
        try {
            // root without CAP_SYS_ADMIN (an unprivileged container) cannot make namespaces
            Commands.Result probe =
                    Commands.run(List.of("unshare", "--net", "--mount", "true"), null, Duration.ofSeconds(10));
            if (probe.exit() != 0) {
                return Optional.of("local target " + variant.id() + " cannot create a network namespace here"
                        + " (unshare --net --mount: " + probe.output() + ")");
            }
        } catch (IOException e) {
            return Optional.of("local target " + variant.id() + " cannot create a network namespace here: " + e);
        }
        return Optional.empty();
    }

    private static List<String> tools(PeerVariant v) {
        List<String> t = new ArrayList<>(List.of("ip", "unshare", "setsid", "mount"));
        if (v.samba()) {
            t.addAll(List.of("smbd", "smbpasswd"));
        }
        if (v.ganesha()) {
            t.addAll(List.of("ganesha.nfsd", "rpcbind", "rpc.statd"));
        }
        return t;
    }

    private static Optional<Path> findIn(List<Path> dirs, String file) {
        return dirs.stream()
                .map(d -> d.resolve(file))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /**
     * Starts the peers of {@code variant} and returns once each listens.
     *
     * @throws IOException when they cannot be started (check {@link #unavailable} first)
     */
    public static LocalPeersTarget start(PeerVariant variant) throws IOException {
        Optional<String> why = unavailable(variant);
        if (why.isPresent()) {
            throw new IOException(why.get());
        }
        Path root = Files.createTempDirectory("interlock-peers-");
        PeerLayout layout = new PeerLayout(root);
        NetNamespace ns = null;
        LocalPeersTarget t = null;
        try {
            ns = NetNamespace.create();
            PeerPorts ports = PeerPorts.STANDARD;
            if (variant.ganesha()) {
                ns.routePortmapperToSelf();
                // ganesha's NLM port is also where the engine's callback listener binds on the host
                // side address (see NetNamespace#routePortmapperToSelf): one free there now
                ports = new PeerPorts(ports.smb(), ports.nfs(), ports.mount(), freePort(ns.hostAddress()));
            }
            t = new LocalPeersTarget(variant, layout, ns, ports, versions(variant));
            Runtime.getRuntime().addShutdownHook(t.shutdownHook);
            t.launch();
            log.info("{} up: {}", variant.id(), t.describe());
            return t;
        } catch (IOException | RuntimeException e) {
            if (t != null) {
                t.close();
            } else {
                if (ns != null) {
                    ns.close();
                }
                deleteTree(root);
            }
            throw e;
        }
    }

    private static int freePort(String address) throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    /**
     * Where the engine's NLM callback listener must listen so that ganesha's GRANTED reaches it:
     * the host side address at ganesha's NLM port; clients send that address as caller_name.
     */
    public Optional<InetSocketAddress> nlmCallbackAddress() {
        return variant.ganesha() ? Optional.of(new InetSocketAddress(ns.hostAddress(), ports.nlm())) : Optional.empty();
    }

    private static String versions(PeerVariant v) {
        List<String> out = new ArrayList<>();
        try {
            if (v.samba()) {
                out.add("Samba "
                        + Commands.run(List.of("smbd", "-V"), null, Duration.ofSeconds(10))
                                .output()
                                .replaceFirst("^Version ", ""));
            }
            if (v.ganesha()) {
                String g = Commands.run(List.of("ganesha.nfsd", "-v"), null, Duration.ofSeconds(10))
                        .output();
                out.add("nfs-ganesha " + g.replaceAll("(?s).*Release = V?([^\\s]+).*", "$1"));
            }
        } catch (IOException e) {
            out.add("versions unknown");
        }
        return String.join(", ", out);
    }

    /** The script run inside the namespace: a private /run, then each daemon. */
    String bootstrapScript() {
        StringBuilder b = new StringBuilder();
        b.append("set -eu\n");
        b.append("mount -t tmpfs -o mode=0755 tmpfs /run\n");
        b.append("mkdir -p /run/samba /run/rpcbind /run/ganesha /run/lock\n");
        for (String line : daemons(variant, layout)) {
            b.append(line).append('\n');
        }
        if (variant.samba()) {
            b.append("smbd -D -s ").append(layout.smbConf()).append(" --no-process-group\n");
        }
        return b.toString();
    }

    /**
     * The commands that start ganesha's side (rpcbind, rpc.statd, ganesha.nfsd) and register the
     * Samba user, in order; the container's entrypoint runs the same lines. rpcbind runs with
     * {@code -i} (SET/UNSET from other hosts), so that the engine's NLM callback listener can
     * register: the namespace (or container) is reachable from this host only.
     */
    public static List<String> daemons(PeerVariant variant, PeerLayout layout) {
        List<String> out = new ArrayList<>();
        if (variant.ganesha()) {
            out.add("rpcbind -w -i");
            out.add("rpc.statd --no-notify -P " + layout.statdDir());
            out.add("ganesha.nfsd -f " + layout.ganeshaConf() + " -L " + layout.ganeshaLog() + " -p "
                    + layout.ganeshaPid() + " -N NIV_EVENT");
        }
        if (variant.samba()) {
            out.add("printf '%s\\n%s\\n' '" + SambaConf.PASSWORD + "' '" + SambaConf.PASSWORD + "' | smbpasswd -c "
                    + layout.smbConf() + " -s -a " + SambaConf.USER + " >/dev/null");
        }
        return out;
    }

    private void launch() throws IOException {
        Files.createDirectories(layout.share());
        for (String d : List.of("private", "lock", "state", "cache", "log", "ncalrpc")) {
            Files.createDirectories(layout.sambaDir(d));
        }
        Files.createDirectories(layout.statdDir().resolve("sm"));
        Files.createDirectories(layout.statdDir().resolve("sm.bak"));
        Files.createDirectories(layout.recoveryRoot());
        if (variant.samba()) {
            Files.writeString(
                    layout.smbConf(),
                    new SambaConf(layout, ns.peerAddress(), ports.smb(), variant.kernelOplocks()).render());
        }
        if (variant.ganesha()) {
            Files.writeString(layout.ganeshaConf(), new GaneshaConf(layout, ns.peerAddress(), ports).render());
        }
        Commands.check(
                List.of(
                        "setsid",
                        "ip",
                        "netns",
                        "exec",
                        ns.name(),
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "bash",
                        "-s"),
                bootstrapScript(),
                START_TIMEOUT);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<Integer> wanted = new ArrayList<>();
        if (variant.samba()) {
            wanted.add(ports.smb());
        }
        if (variant.ganesha()) {
            wanted.addAll(List.of(ports.nfs(), ports.mount(), ports.nlm(), 111));
        }
        for (int port : wanted) {
            awaitListening(port, deadline);
        }
    }

    private void awaitListening(int port, long deadline) throws IOException {
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ns.peerAddress(), port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException(
                            variant.id() + ": nothing listens on " + ns.peerAddress() + ":" + port + " after "
                                    + START_TIMEOUT + "; " + logTail(),
                            e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private String logTail() {
        StringBuilder b = new StringBuilder();
        for (Path log : List.of(layout.sambaLog(), layout.ganeshaLog())) {
            try {
                if (Files.isRegularFile(log)) {
                    String text = Files.readString(log);
                    b.append(log.getFileName())
                            .append(": ")
                            .append(text.substring(Math.max(0, text.length() - 600)))
                            .append(' ');
                }
            } catch (IOException e) {
                b.append(log.getFileName()).append(": unreadable ");
            }
        }
        return b.toString().strip();
    }

    public PeerVariant variant() {
        return variant;
    }

    /** The shared directory on this host (for diagnostics; change it only through the protocols). */
    public Path shareDir() {
        return layout.share();
    }

    @Override
    public String describe() {
        return variant.id() + " (local: " + versions + "; netns " + ns.name() + ")"
                + smb().map(e -> " " + e).orElse("")
                + nfs().map(e -> " " + e).orElse("");
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return variant.samba()
                ? Optional.of(new SmbEndpoint(
                        ns.peerAddress(), ports.smb(), SambaConf.SHARE, SambaConf.USER, SambaConf.PASSWORD))
                : Optional.empty();
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return variant.ganesha()
                ? Optional.of(new NfsEndpoint(
                        ns.peerAddress(),
                        GaneshaConf.EXPORT,
                        ports.nfs(),
                        ports.mount(),
                        ports.nlm(),
                        NfsEndpoint.PORTMAP_PORT))
                : Optional.empty();
    }

    @Override
    public TargetCapabilities capabilities() {
        return capabilities(variant);
    }

    /** What a Samba + ganesha pair offers (the container target has the same). */
    public static TargetCapabilities capabilities(PeerVariant variant) {
        String note = variant.kernelOplocks()
                ? "Samba holds a kernel lease per oplock: a conflicting open by ganesha waits until Samba's"
                        + " break is done or fs.lease-break-time (host-wide) has passed; no admin endpoint"
                : variant.samba() && variant.ganesha()
                        ? "Samba and nfs-ganesha share no lease state: ganesha neither breaks SMB leases nor waits"
                                + " for them; no admin endpoint"
                        : "no admin endpoint";
        return new TargetCapabilities(
                variant.samba(),
                variant.ganesha(),
                variant.ganesha(),
                false,
                variant.kernelOplocks() ? Set.of("wait") : Set.of(),
                false,
                false,
                variant.samba() && variant.ganesha() ? PathMapping.IDENTITY : null,
                note,
                // smb.conf(5): leases are "only available with ... kernel oplocks = no"
                variant.samba() && !variant.kernelOplocks());
    }

    @Override
    public TargetSetup setup(ServerSettings settings) {
        Optional<String> refused = capabilities().refuse(settings, variant.id());
        if (refused.isPresent()) {
            return TargetSetup.skipped(refused.get());
        }
        return ScratchDirectories.setup(
                this,
                scratch,
                PathMapping.IDENTITY,
                nlmCallbackAddress()
                        .map(a -> new NlmCallbackRoute(a, a.getAddress().getHostAddress())));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook
        }
        stopProcesses();
        ns.close();
        try {
            deleteTree(layout.root());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", layout.root(), e.toString());
        }
    }

    /** SIGTERM to every process in the namespace (all started by this target), SIGKILL after a bound. */
    private void stopProcesses() {
        try {
            List<ProcessHandle> procs = ns.pids().stream()
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .toList();
            procs.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : procs) {
                try {
                    p.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    log.warn("{} ignored SIGTERM for {}: killing it", p.pid(), STOP_TIMEOUT);
                    p.destroyForcibly();
                } catch (ExecutionException e) {
                    log.debug("waiting for {}: {}", p.pid(), e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the processes of {}: {}", ns.name(), e.toString());
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // a daemon may still be removing its own files (pid, sockets) as it stops
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path x : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            } catch (UncheckedIOException
                    | java.nio.file.NoSuchFileException
                    | java.nio.file.DirectoryNotEmptyException e) {
                // raced with a daemon; walk again
            }
        }
    }
}
