package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.engine.ScenarioCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interlock run} (the CLI jar) while a real rpcbind owns port 111: in a private network
 * namespace of its own ({@code ip netns add}, removed afterwards) with a private /run (so that
 * rpcbind's socket and state never meet the host's), rpcbind is started on 111 first, then the
 * whole catalog runs and must pass; and nothing of the run is left registered in that rpcbind
 * (the embedded server ran its own portmapper on an ephemeral port and the engine's clients used
 * explicit ports). Needs root, iproute2, unshare and rpcbind; skips with the reason otherwise.
 */
class RunBesideRpcbindIT {
    private static final Path JAR = Path.of("target", "interlock.jar");

    @TempDir
    Path tmp;

    private static String run(List<String> cmd, long seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish within " + seconds + " s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    @Test
    void run_rpcbindOwnsPort111InTheNamespace_wholeCatalogPassesAndRegistersNothing() throws Exception {
        assumeTrue(run(List.of("id", "-u"), 10).trim().equals("0"), "not root: cannot create a network namespace");
        String ip = tool("ip");
        String unshare = tool("unshare");
        String rpcbind = tool("rpcbind");
        String rpcinfo = tool("rpcinfo");
        assumeTrue(ip != null && unshare != null, "iproute2 (ip) or unshare not installed");
        assumeTrue(rpcbind != null && rpcinfo != null, "rpcbind/rpcinfo not installed");
        assumeTrue(Files.isRegularFile(JAR), "CLI jar not built at " + JAR.toAbsolutePath() + " (mvn package)");
        String java = ProcessHandle.current().info().command().orElse("java");
        String ns = "interlock-it-" + ProcessHandle.current().pid();
        Path out = tmp.resolve("report");
        String script = String.join(
                "\n",
                "set -u",
                "ip link set lo up",
                "mount -t tmpfs tmpfs /run",
                "'" + rpcbind + "' -f -w &",
                "rpcb=$!",
                // bounded wait for the daemon to answer (a shell poll, not test synchronisation)
                "for i in $(seq 100); do '" + rpcinfo + "' -p 127.0.0.1 >/dev/null 2>&1 && break; sleep 0.1; done",
                "echo '== port 111 before the run'",
                "ss -ltnpH 'sport = :111'",
                "'" + java + "' -jar '" + JAR.toAbsolutePath() + "' run --out '" + out + "'",
                "rc=$?",
                "echo '== rpcbind after the run'",
                "'" + rpcinfo + "' -p 127.0.0.1",
                "kill $rpcb",
                "wait $rpcb",
                "exit $rc");
        run(List.of(ip, "netns", "add", ns), 30);
        String output;
        try {
            output = run(List.of(ip, "netns", "exec", ns, unshare, "-m", "bash", "-c", script), 600);
        } finally {
            run(List.of(ip, "netns", "del", ns), 30);
        }
        System.out.println(output);
        int catalog = ScenarioCatalog.load().size();
        String before =
                output.substring(output.indexOf("== port 111 before the run"), output.indexOf("interlock: ") + 1);
        assertThat(before).as("rpcbind held port 111 during the run").contains("rpcbind");
        // the catalog and every suite (one suite test SKIPS on the embedded server: R-SMB-16)
        assertThat(output)
                .containsPattern("interlock: \\d+ passed, 0 failed, 1 skipped \\(" + (catalog + 1)
                        + " scenarios, \\d+ suite tests\\)"); // + the explore result of the run's 100 programs
        String after = output.substring(output.indexOf("== rpcbind after the run"));
        assertThat(after).as("rpcinfo answered").contains("portmapper");
        // nothing of ours in the namespace's rpcbind: NFS, MOUNT, NLM, NSM, the callback program
        assertThat(after).doesNotContain("100003", "100005", "100021", "100024", "536870945");
        assertThat(out.resolve("run.json")).isNotEmptyFile();
    }
}
