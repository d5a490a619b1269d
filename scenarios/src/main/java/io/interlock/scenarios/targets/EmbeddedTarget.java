package io.interlock.scenarios.targets;

import io.interlock.server.app.Endpoints;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ShareConfig;
import io.interlock.server.runtime.UserConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Our own server, started in this JVM from a {@link ServerConfig} (by default {@link
 * ServerConfig#ephemeral()}: every port ephemeral, portmapper on 111 when it can have it). The
 * first share and the first user of the config are the ones scenarios use. Exposes the server so
 * scenarios can flip fault points.
 */
public final class EmbeddedTarget implements Target {
    private final InterlockServer server;
    private final SmbEndpoint smb;
    private final NfsEndpoint nfs;

    private EmbeddedTarget(InterlockServer server) {
        this.server = server;
        ServerConfig c = server.config();
        Endpoints e = server.endpoints();
        ShareConfig share = c.shares().get(0);
        UserConfig user = c.users().get(0);
        this.smb = e == null || e.smb() == null
                ? null
                : new SmbEndpoint(host(e.smb()), e.smb().getPort(), share.name(), user.name(), user.password());
        this.nfs = e == null || e.nfs() == null
                ? null
                : new NfsEndpoint(
                        host(e.nfs()),
                        "/" + share.name(),
                        e.nfs().getPort(),
                        e.mount() == null ? 0 : e.mount().getPort(),
                        // null portmap = registered with the system rpcbind, which is on 111
                        e.portmap() == null
                                ? NfsEndpoint.PORTMAP_PORT
                                : e.portmap().getPort());
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /** Starts a server with every port ephemeral. */
    public static EmbeddedTarget start() throws IOException {
        return start(ServerConfig.ephemeral());
    }

    public static EmbeddedTarget start(ServerConfig config) throws IOException {
        return new EmbeddedTarget(InterlockServer.start(config));
    }

    public InterlockServer server() {
        return server;
    }

    @Override
    public String describe() {
        return "embedded" + (smb != null ? " " + smb : " (no SMB)") + (nfs != null ? " " + nfs : " (no NFS)");
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.ofNullable(smb);
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.ofNullable(nfs);
    }

    @Override
    public void close() {
        server.close();
    }
}
