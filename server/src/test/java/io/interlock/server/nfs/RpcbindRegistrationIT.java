package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Registration with a real system rpcbind (spec R-PMAP-1, R-PMAP-3, R-H-1). The system rpcbind of
 * the host is never touched: a private network and mount namespace ({@code unshare -n -m}) gets
 * its own loopback, a tmpfs on /run (rpcbind's socket, lock and warm-start files) and its own
 * {@code rpcbind -w -f}, whose PID alone is killed at the end. {@link RpcbindProbe} runs the server
 * there with portmap AUTO. Skipped unless root with unshare, ip, rpcbind and rpcinfo available.
 */
class RpcbindRegistrationIT {
    private static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "ip link set lo up",
            "mount -t tmpfs tmpfs /run",
            "mkdir -p /run/rpcbind",
            "rpcbind -w -f &",
            "RPCB=$!",
            "trap 'kill $RPCB 2>/dev/null || true' EXIT",
            "i=0",
            "until rpcinfo -p 127.0.0.1 >/dev/null 2>&1; do",
            "  i=$((i+1)); if [ $i -gt 100 ]; then echo 'rpcbind did not start'; exit 3; fi; sleep 0.05",
            "done",
            "\"$JAVA\" -cp \"$CP\" io.interlock.server.nfs.RpcbindProbe");

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static boolean isRoot() throws Exception {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(5, TimeUnit.SECONDS);
        return uid.equals("0");
    }

    private static int run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void autoMode_registersNfsAndMountV3Tcp_withSystemRpcbind_andUnregistersOnClose() throws Exception {
        for (String tool : List.of("unshare", "ip", "rpcbind", "rpcinfo")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not installed (Debian: rpcbind, util-linux, iproute2)");
        }
        Assumptions.assumeTrue(isRoot(), "needs root to create a network namespace and run rpcbind");
        Assumptions.assumeTrue(
                run(List.of("unshare", "-n", "-m", "--propagation", "private", "true")) == 0,
                "cannot create private network/mount namespaces here (unshare -n -m failed)");

        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "-m", "--propagation", "private", "sh", "-c", SCRIPT)
                .redirectErrorStream(true);
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as("probe exit, output:%n%s", out).isZero();

        int nfs = intAfter(out, "nfs=");
        int mount = intAfter(out, "mount=");
        assertThat(out).as(out).contains("ownPortmapper=null");
        assertThat(intAfter(out, "getport.nfs=")).as(out).isEqualTo(nfs);
        assertThat(intAfter(out, "getport.mount=")).as(out).isEqualTo(mount);
        String before = out.substring(out.indexOf("BEFORE"), out.indexOf("AFTER"));
        String after = out.substring(out.indexOf("AFTER"), out.indexOf("END"));
        assertThat(before).as(out).containsPattern(rpcinfoLine(100003, 3, nfs));
        assertThat(before).as(out).containsPattern(rpcinfoLine(100005, 3, mount));
        assertThat(after).as(out).doesNotContainPattern("\\s10000[35]\\s");
        assertThat(intAfter(out, "getport.nfs.after=")).as(out).isZero();
    }

    private static String rpcinfoLine(int prog, int vers, int port) {
        return "(?m)^\\s*" + prog + "\\s+" + vers + "\\s+tcp\\s+" + port + "\\b";
    }

    private static int intAfter(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "(-?\\d+)$").matcher(out);
        assertThat(m.find()).as("%s in output:%n%s", key, out).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
