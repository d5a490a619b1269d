package io.interlock.server.nfs;

import io.interlock.server.runtime.PortmapMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link RpcbindRegistrationIT} inside a private network namespace where a private system
 * rpcbind owns port 111: starts the server with portmap AUTO (it cannot bind 111, so it registers
 * with rpcbind), prints what rpcinfo and GETPORT see, closes the server, prints rpcinfo again.
 */
public final class RpcbindProbe {
    private RpcbindProbe() {}

    public static void main(String[] args) throws Exception {
        InetSocketAddress pm = new InetSocketAddress("127.0.0.1", 111);
        try (NfsTestServers s = new NfsTestServers(PortmapMode.AUTO, 111)) {
            System.out.println("nfs=" + s.endpoints.nfs().getPort());
            System.out.println("mount=" + s.endpoints.mount().getPort());
            System.out.println("ownPortmapper=" + s.endpoints.portmap());
            System.out.println("getport.nfs=" + NfsTestServers.getPort(pm, 100003, 3));
            System.out.println("getport.mount=" + NfsTestServers.getPort(pm, 100005, 3));
            System.out.println("BEFORE");
            System.out.print(rpcinfo());
        }
        System.out.println("AFTER");
        System.out.print(rpcinfo());
        System.out.println("getport.nfs.after=" + NfsTestServers.getPort(pm, 100003, 3));
        System.out.println("END");
    }

    private static String rpcinfo() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("rpcinfo", "-p", "127.0.0.1")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
