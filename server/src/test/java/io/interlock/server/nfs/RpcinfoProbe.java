package io.interlock.server.nfs;

import io.interlock.server.runtime.PortmapMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs inside a private network namespace (see {@link RpcinfoIT}): starts the NFS server with our
 * own portmapper on port 111 of 127.0.0.1, then runs each {@code rpcinfo} command line given as an
 * argument (words separated by spaces) and prints {@code ### <command>}, its output and {@code ###
 * exit=<n>}. Exits 3 when port 111 cannot be bound.
 */
final class RpcinfoProbe {
    private RpcinfoProbe() {}

    public static void main(String[] args) throws Exception {
        NfsTestServers servers;
        try {
            servers = new NfsTestServers(PortmapMode.BIND, 111);
        } catch (IOException e) {
            System.out.println("cannot bind port 111: " + e.getMessage());
            System.exit(3);
            return;
        }
        try (servers) {
            System.out.println("### endpoints " + servers.endpoints);
            for (String cmd : args) {
                Process p = new ProcessBuilder(List.of(cmd.split(" ")))
                        .redirectErrorStream(true)
                        .start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = p.waitFor(30, TimeUnit.SECONDS);
                System.out.println("### " + cmd);
                System.out.print(out);
                System.out.println("### exit=" + (done ? p.exitValue() : "timeout"));
            }
        }
        System.exit(0);
    }
}
