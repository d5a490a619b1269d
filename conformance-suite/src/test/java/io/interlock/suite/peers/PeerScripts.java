package io.interlock.suite.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference peers' start scripts (shared/peers/samba.sh and ganesha.sh beside the repository,
 * or -Dinterlock.peers=DIR): found, run and cleaned up for the peer suite runs. Tests skip when the
 * scripts or the daemons are missing: the build never depends on shared/.
 */
final class PeerScripts {
    private PeerScripts() {}

    static Path dir() {
        String explicit = System.getProperty("interlock.peers");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("peers");
            if (Files.isRegularFile(c.resolve("samba.sh"))) {
                return c;
            }
        }
        return Path.of("shared", "peers");
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True in a network namespace with loopback only (a fresh {@code unshare -n}). */
    static boolean inPrivateNetNamespace() {
        try {
            return Files.readAllLines(Path.of("/proc/self/net/dev")).stream()
                    .skip(2)
                    .map(l -> l.trim().split(":", 2)[0])
                    .allMatch("lo"::equals);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs a script (setsid: the daemons signal their process group) and returns its output, or skips. */
    static String run(List<String> cmd, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(done && p.exitValue() == 0, what + " failed: " + out);
        return out;
    }

    static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (var paths = Files.walk(root)) {
                for (Path x : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // a daemon was still removing its own files: walk again
            }
        }
    }
}
