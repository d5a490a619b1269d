package io.interlock.scenarios.compare;

import io.interlock.scenarios.peers.GaneshaPeer;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ShareConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.opentest4j.TestAbortedException;

/**
 * Runs the {@link NfsOpScript} against one server and writes its results; started by
 * {@link NfsPeerComparisonIT} inside a private network + mount namespace (own loopback, tmpfs on
 * /run), where port 111 is free for ganesha's rpcbind or for our own portmapper, as
 * nfs-client-java requires. Exit 0 = results written, 3 = the target is unavailable (reason on
 * stdout), anything else = failure.
 *
 * <pre>java -cp TEST_CLASSPATH io.interlock.scenarios.compare.NfsPeerProbe ganesha|interlock|interlock-local OUT</pre>
 */
public final class NfsPeerProbe {
    private NfsPeerProbe() {}

    public static void main(String[] args) throws Exception {
        String which = args[0];
        Path out = Path.of(args[1]);
        Path tmp = Files.createTempDirectory("nfs-probe-");
        int exit;
        try {
            Map<String, String> results =
                    switch (which) {
                        case "ganesha" -> runGanesha(tmp);
                        case "interlock" -> runInterlock(ServerConfig.ephemeral(), tmp);
                        case "interlock-local" -> {
                            Path dir = Files.createDirectories(tmp.resolve("local-share"));
                            yield runInterlock(
                                    ServerConfig.ephemeral()
                                            .withShares(List.of(new ShareConfig("share", dir.toString(), null))),
                                    tmp);
                        }
                        default -> throw new IllegalArgumentException("unknown target " + which);
                    };
            NfsOpScript.write(results, out);
            System.out.println("probe " + which + ": " + results.size() + " steps");
            exit = 0;
        } catch (TestAbortedException e) {
            System.out.println("SKIP " + e.getMessage());
            exit = 3;
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            exit = 1;
        }
        deleteTree(tmp);
        // nfs-client-java keeps non-daemon connection threads alive
        System.exit(exit);
    }

    private static Map<String, String> runInterlock(ServerConfig base, Path tmp) throws IOException {
        // nfs-client-java asks port 111: our own portmapper binds it in this private namespace
        try (InterlockServer server = InterlockServer.start(base.withPortmap(PortmapMode.BIND, 111))) {
            var ep = server.endpoints();
            NfsTarget t = new NfsTarget(
                    "interlock", "/share", ep.nfs().getPort(), ep.mount().getPort());
            return NfsOpScript.forTarget(t, Nfs3Raw.mount(t.exportPath()), tmp).run();
        }
    }

    private static Map<String, String> runGanesha(Path tmp) throws Exception {
        GaneshaPeer g = GaneshaPeer.startOrSkip();
        try {
            String rpcinfo = runOut("rpcinfo", "-p", "127.0.0.1");
            NfsTarget t = new NfsTarget(
                    "ganesha", g.exportPath(), port(rpcinfo, 100003, "nfs"), port(rpcinfo, 100005, "mountd"));
            return NfsOpScript.forTarget(t, Nfs3Raw.mount(t.exportPath()), tmp).run();
        } finally {
            // ganesha removes its own files while it shuts down, which can race GaneshaPeer's delete
            // of its directory; stopping again is harmless, so retry until the directory is gone
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                g.close();
                return true;
            });
        }
    }

    /** The TCP port of program {@code prog} version 3 in {@code rpcinfo -p} output. */
    private static int port(String rpcinfo, int prog, String what) {
        Matcher m =
                Pattern.compile("(?m)^\\s*" + prog + "\\s+3\\s+tcp\\s+(\\d+)").matcher(rpcinfo);
        if (!m.find()) {
            throw new IllegalStateException(what + " v3/tcp not registered with rpcbind:\n" + rpcinfo);
        }
        return Integer.parseInt(m.group(1));
    }

    static String runOut(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return s;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path x : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
