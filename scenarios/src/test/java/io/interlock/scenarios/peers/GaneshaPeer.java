package io.interlock.scenarios.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private nfs-ganesha (VFS backend) started through shared/peers/ganesha.sh (beside the repository), plus the
 * rpcbind on port 111 that nfs-client-java needs. Port 111 is a machine-wide singleton, so this
 * only runs when 111 is free, i.e. inside a private network (and mount) namespace:
 *
 * <pre>
 * unshare -n -m sh -c 'ip link set lo up; mount -t tmpfs tmpfs /run; \
 *   mvn -o -B -pl scenarios -am verify -Dit.test=NfsClientDriverGaneshaIT ...'
 * </pre>
 *
 * (the tmpfs on /run keeps rpcbind's unix socket away from any rpcbind of the host; the peer adds
 * 10.254.254.1/32 to lo because ganesha cannot resolve its bind address in a namespace with only
 * 127.0.0.1). Anything else skips with a reason.
 */
public final class GaneshaPeer implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final Long rpcbindPid;
    private final int nfsPort;
    private final int mountPort;

    private GaneshaPeer(Path script, Path dir, Long rpcbindPid, int nfsPort, int mountPort) {
        this.script = script;
        this.dir = dir;
        this.rpcbindPid = rpcbindPid;
        this.nfsPort = nfsPort;
        this.mountPort = mountPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when this process's network namespace has no interface but loopback, as a fresh
     * {@code unshare -n} has; /proc/self/net/dev shows the reader's own namespace.
     */
    static boolean inPrivateNetNamespace() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/net/dev"));
            return lines.stream().skip(2).map(l -> l.trim().split(":", 2)[0]).allMatch("lo"::equals);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Starts rpcbind + ganesha, or skips the test. */
    public static GaneshaPeer startOrSkip() throws IOException, InterruptedException {
        Path script = SambaPeer.peersDir().resolve("ganesha.sh");
        assumeTrue(Files.isRegularFile(script), "ganesha.sh not found at " + script);
        assumeTrue(
                SambaPeer.onPath("ganesha.nfsd") && SambaPeer.onPath("rpcbind"), "ganesha.nfsd/rpcbind not installed");
        assumeTrue(
                inPrivateNetNamespace(),
                "not in a private network namespace; port 111 is a host singleton (see GaneshaPeer Javadoc)");
        assumeTrue(
                !listening(111),
                "port 111 is taken on this host; run this IT inside `unshare -n -m` (see GaneshaPeer Javadoc)");
        try (ServerSocket probe = new ServerSocket(111, 1, InetAddress.getLoopbackAddress())) {
            // bindable: we may start rpcbind
        } catch (IOException e) {
            assumeTrue(false, "port 111 is not bindable here: " + e.getMessage());
        }
        // ganesha resolves Bind_addr with AI_ADDRCONFIG, which finds nothing while the namespace has
        // only 127.0.0.1; a non-loopback address on lo (private namespace only) fixes that
        new ProcessBuilder("ip", "addr", "add", "10.254.254.1/32", "dev", "lo")
                .redirectErrorStream(true)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        Path dir = Files.createTempDirectory("engine-ganesha-");
        int nfsPort = freePort();
        int mountPort = freePort();
        Process p = new ProcessBuilder(
                        "setsid",
                        "bash",
                        script.toString(),
                        "start",
                        dir.toString(),
                        Integer.toString(nfsPort),
                        Integer.toString(mountPort))
                .redirectErrorStream(true)
                .start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Long pid = rpcbindPid();
        GaneshaPeer peer = new GaneshaPeer(script, dir, pid, nfsPort, mountPort);
        if (!done || p.exitValue() != 0 || !listening(nfsPort)) {
            peer.close();
            assumeTrue(false, "ganesha.sh start failed: " + out);
        }
        System.out.println(out.trim());
        return peer;
    }

    private static Long rpcbindPid() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :111")
                .redirectErrorStream(true)
                .start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("\"rpcbind\",pid=(\\d+)").matcher(out);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** ganesha's NFS port (on 127.0.0.1). */
    public int nfsPort() {
        return nfsPort;
    }

    /** ganesha's MOUNT port (on 127.0.0.1). */
    public int mountPort() {
        return mountPort;
    }

    /** The export path to MOUNT. */
    public String exportPath() {
        return dir.resolve("export").toString();
    }

    public Path exportDir() {
        return dir.resolve("export");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("ganesha.pid");
        Long ganeshaPid = null;
        if (Files.isRegularFile(pidFile)) {
            try {
                ganeshaPid = Long.valueOf(Files.readString(pidFile).trim());
            } catch (NumberFormatException e) {
                // no pid: nothing to wait for
            }
        }
        new ProcessBuilder("setsid", "bash", script.toString(), "stop", dir.toString())
                .redirectErrorStream(true)
                .start()
                .waitFor(30, TimeUnit.SECONDS);
        if (ganeshaPid != null) {
            // ganesha UNSETs its programs at the end of its shutdown; a peer started next would
            // lose its own mappings (UNSET ignores the port) if this one were still going
            ProcessHandle.of(ganeshaPid).ifPresent(h -> {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    System.out.println("ganesha " + h.pid() + " did not exit within 30 s: " + e);
                }
            });
        }
        if (rpcbindPid != null) {
            ProcessHandle.of(rpcbindPid).ifPresent(ProcessHandle::destroy);
        }
        SambaPeer.deleteTree(dir);
    }
}
