package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libtirpc's {@code rpcinfo} against our own portmapper/rpcbind on port 111 (spec §1.5; DittoFS
 * PR #1356: macOS/BSD lockd and rpcinfo speak rpcbind v3/v4). Port 111 is a host singleton, so the
 * server runs in a child JVM ({@link RpcinfoProbe}) inside a private network namespace: {@code
 * unshare -n sh -c 'ip link set lo up; java ... RpcinfoProbe <rpcinfo command lines>'}. Skips
 * without rpcinfo, unshare or the privilege to create a network namespace.
 */
class RpcinfoIT {
    private static Map<String, String> outputs;

    @BeforeAll
    static void runProbe() throws Exception {
        Assumptions.assumeTrue(onPath("rpcinfo"), "rpcinfo not installed (Debian: rpcbind)");
        Assumptions.assumeTrue(onPath("unshare") && onPath("ip"), "unshare/ip not installed (util-linux, iproute2)");
        Process probe = new ProcessBuilder("unshare", "-n", "true")
                .redirectErrorStream(true)
                .start();
        Assumptions.assumeTrue(
                probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "cannot create a private network namespace here (unshare -n needs root or user namespaces)");
        List<String> cmd = new ArrayList<>(List.of(
                "unshare",
                "-n",
                "sh",
                "-c",
                "ip link set lo up && exec \"$JAVA\" -cp \"$CP\" io.interlock.server.nfs.RpcinfoProbe \"$@\"",
                "probe"));
        cmd.addAll(List.of(
                "rpcinfo -p 127.0.0.1",
                "rpcinfo -T tcp 127.0.0.1 100003 3",
                "rpcinfo -T tcp 127.0.0.1 100005 3",
                "rpcinfo -T tcp 127.0.0.1 100003 2",
                "rpcinfo -T udp 127.0.0.1 100000 4",
                "rpcinfo -s 127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("rpcinfo-probe", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(done).as("probe finished:%n%s", text).isTrue();
        Assumptions.assumeFalse(p.exitValue() == 3, () -> "port 111 not bindable in the namespace: " + text);
        assertThat(p.exitValue()).as("probe exit, output:%n%s", text).isZero();
        System.out.println(text);
        outputs = parse(text);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** "### cmd" / output / "### exit=n" blocks → cmd → output + "exit=n". */
    private static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("### exit=") && current != null) {
                out.put(current, body + line.substring(4));
                current = null;
            } else if (line.startsWith("### rpcinfo")) {
                current = line.substring(4);
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    private static String run(String cmd) {
        String o = outputs.get(cmd);
        assertThat(o).as("output of %s in %s", cmd, outputs).isNotNull();
        return o;
    }

    @Test
    void rpcinfoP_portmapV2Dump_listsEveryServiceOnce() {
        String o = run("rpcinfo -p 127.0.0.1");
        assertThat(o).endsWith("exit=0");
        List<String> rows = o.lines()
                .map(String::trim)
                .filter(l -> l.matches("\\d+\\s+\\d+\\s+(tcp|udp)\\s+\\d+.*"))
                .map(l -> String.join(" ", List.of(l.split("\\s+")).subList(0, 3)))
                .toList();
        assertThat(rows)
                .as(o)
                .contains(
                        "100000 4 tcp",
                        "100000 3 tcp",
                        "100000 2 tcp",
                        "100000 2 udp",
                        "100003 3 tcp",
                        "100005 3 tcp",
                        "100021 4 tcp",
                        "100024 1 tcp")
                .doesNotHaveDuplicates();
    }

    @Test
    void rpcinfoT_tcp_findsNfsAndMountThroughRpcbindV4_andPingsThem() {
        assertThat(run("rpcinfo -T tcp 127.0.0.1 100003 3"))
                .contains("program 100003 version 3 ready and waiting")
                .endsWith("exit=0");
        assertThat(run("rpcinfo -T tcp 127.0.0.1 100005 3"))
                .contains("program 100005 version 3 ready and waiting")
                .endsWith("exit=0");
        assertThat(run("rpcinfo -T udp 127.0.0.1 100000 4"))
                .contains("program 100000 version 4 ready and waiting")
                .endsWith("exit=0");
    }

    @Test
    void rpcinfoT_unregisteredVersion_fails() {
        assertThat(run("rpcinfo -T tcp 127.0.0.1 100003 2")).doesNotContain("ready and waiting");
        assertThat(run("rpcinfo -T tcp 127.0.0.1 100003 2")).doesNotEndWith("exit=0");
    }

    @Test
    void rpcinfoS_rpcbindDump_summarisesVersionsAndNetids() {
        String o = run("rpcinfo -s 127.0.0.1");
        assertThat(o).endsWith("exit=0");
        assertThat(o.lines().filter(l -> l.trim().startsWith("100003 ")))
                .as(o)
                .singleElement()
                .satisfies(l -> assertThat(l).contains("3").contains("tcp"));
        assertThat(o.lines().filter(l -> l.trim().startsWith("100000 ")))
                .as(o)
                .singleElement()
                .satisfies(l -> assertThat(l).contains("2,3,4").contains("tcp").contains("udp"));
    }
}
