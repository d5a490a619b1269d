package io.interlock.scenarios.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Samba smbd started through shared/peers/samba.sh beside the repository (override the script directory
 * with -Dinterlock.peers=DIR) on a free loopback port. Tests skip when smbd or the script is absent.
 */
public final class SambaPeer implements AutoCloseable {
    public static final String USER = "root";
    public static final String PASSWORD = "pass";
    public static final String SHARE = "share";

    private final Path script;
    private final Path dir;
    private final int port;

    private SambaPeer(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /**
     * The reference-peer scripts: -Dinterlock.peers=DIR, else shared/peers beside the repository
     * (where CI and developers have it), found upwards from the working directory. Tests that need
     * them skip when none is found: the build never depends on shared/.
     */
    public static Path peersDir() {
        String explicit = System.getProperty("interlock.peers");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("peers");
            if (Files.isRegularFile(candidate.resolve("samba.sh"))) {
                return candidate;
            }
        }
        return Path.of("shared", "peers");
    }

    public static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    /** Starts smbd, or aborts the test (skip) when it cannot. */
    public static SambaPeer startOrSkip() throws IOException, InterruptedException {
        Path script = peersDir().resolve("samba.sh");
        assumeTrue(Files.isRegularFile(script), "samba.sh not found at " + script);
        assumeTrue(onPath("smbd") && onPath("smbpasswd"), "smbd/smbpasswd not installed");
        assumeTrue(onPath("setsid"), "setsid not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try {
            // smbd puts its ncalrpc pipes there; missing under a tmpfs /run (private-namespace runs)
            Files.createDirectories(Path.of("/run/samba"));
        } catch (IOException e) {
            // not fatal here; smbd says why in its log and we skip below
        }
        Path dir = Files.createTempDirectory("engine-samba-");
        // setsid: smbd signals its whole process group when it stops; keep Maven out of it
        Process p = new ProcessBuilder(
                        "setsid", "bash", script.toString(), "start", dir.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        SambaPeer peer = new SambaPeer(script, dir, port);
        if (!done || p.exitValue() != 0 || !listening(port)) {
            String log = Files.isRegularFile(dir.resolve("log/log.smbd"))
                    ? Files.readString(dir.resolve("log/log.smbd"))
                    : "";
            peer.close();
            assumeTrue(false, "smbd did not start: " + out + " " + log.substring(Math.max(0, log.length() - 400)));
        }
        System.out.println(out.trim());
        return peer;
    }

    static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public Path shareDir() {
        return dir.resolve("share");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("setsid", "bash", script.toString(), "stop", dir.toString())
                .redirectErrorStream(true)
                .start();
        p.waitFor(30, TimeUnit.SECONDS);
        stopLeftovers();
        deleteTree(dir);
    }

    /**
     * samba.sh stops smbd only; the samba-dcerpcd and rpcd_* helpers smbd started on demand for
     * this instance outlive it. They are ours by their command line, which names our smb.conf: stop
     * them (SIGTERM, then SIGKILL after a bound), and nothing else.
     */
    private void stopLeftovers() throws InterruptedException {
        String conf = dir.resolve("smb.conf").toString();
        List<ProcessHandle> ours = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(conf)).orElse(false))
                .toList();
        ours.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : ours) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // smbd may still be removing its own files (pid, sockets) as it stops: a file vanishing
        // during the walk is fine, so walk again until the tree is gone (bounded)
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (var paths = Files.walk(root)) {
                for (Path x : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            } catch (java.io.UncheckedIOException
                    | java.nio.file.NoSuchFileException
                    | java.nio.file.DirectoryNotEmptyException e) {
                // raced with smbd; try again
            }
        }
    }
}
