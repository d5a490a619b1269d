package io.interlock.scenarios.engine;

import io.interlock.scenarios.proxy.WireProtocol;
import io.interlock.scenarios.proxy.WireProxy;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.scenarios.targets.TargetSetup;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.probe.ActivityProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/** Puts a {@link WireProxy} in front of every endpoint of a target (lockstep and watched runs alike). */
final class ProxyRoutes {
    private ProxyRoutes() {}

    /**
     * The target as the clients must see it: every endpoint replaced by a route of {@code proxy} to
     * it; each route's front address is added to {@code fronts}.
     */
    static TargetSetup route(WireProxy proxy, Set<InetSocketAddress> fronts, TargetSetup setup) throws IOException {
        Optional<SmbEndpoint> smb = Optional.empty();
        if (setup.smb().isPresent()) {
            SmbEndpoint e = setup.smb().get();
            InetSocketAddress front = proxy.route("smb", WireProtocol.SMB2, new InetSocketAddress(e.host(), e.port()));
            fronts.add(front);
            smb = Optional.of(new SmbEndpoint(
                    front.getAddress().getHostAddress(), front.getPort(), e.share(), e.user(), e.password()));
        }
        Optional<NfsEndpoint> nfs = Optional.empty();
        if (setup.nfs().isPresent()) {
            NfsEndpoint n = setup.nfs().get();
            if (!n.hasExplicitPorts()) {
                // the clients would ask the portmapper and reach the server past the proxy
                throw new IOException("the wire proxy needs the NFS and MOUNT ports of " + n
                        + " (nfs://HOST[:PORT]/EXPORT?mount=PORT&nlm=PORT)");
            }
            int nfsPort = routed(proxy, fronts, "nfs", n, n.nfsPort());
            // the fronts listen on one loopback address; every port of the endpoint must be a front
            // there (the portmapper's too: asked on the proxy's host, it must not be the host's own)
            String host = fronts.stream()
                    .filter(a -> a.getPort() == nfsPort)
                    .findFirst()
                    .orElseThrow()
                    .getAddress()
                    .getHostAddress();
            nfs = Optional.of(new NfsEndpoint(
                    host,
                    n.exportPath(),
                    nfsPort,
                    routed(proxy, fronts, "mount", n, n.mountPort()),
                    routed(proxy, fronts, "nlm", n, n.nlmPort()),
                    routed(proxy, fronts, "portmap", n, n.portmapPort())));
        }
        return new Routed(setup, smb, nfs);
    }

    private static int routed(WireProxy proxy, Set<InetSocketAddress> fronts, String name, NfsEndpoint n, int port)
            throws IOException {
        if (port <= 0) {
            return port;
        }
        InetSocketAddress front = proxy.route(name, WireProtocol.ONC_RPC, n.address(port));
        fronts.add(front);
        return front.getPort();
    }

    /** {@code setup} with its endpoints replaced; everything else is the setup's own. */
    private record Routed(TargetSetup setup, Optional<SmbEndpoint> smb, Optional<NfsEndpoint> nfs)
            implements TargetSetup {
        @Override
        public Optional<String> skipReason() {
            return setup.skipReason();
        }

        @Override
        public Optional<TargetAdmin> admin() {
            return setup.admin();
        }

        @Override
        public Optional<VirtualServerClock> virtualClock() {
            return setup.virtualClock();
        }

        @Override
        public Optional<ActivityProbe> probe() {
            return setup.probe();
        }

        @Override
        public Optional<String> breakPolicy() {
            return setup.breakPolicy();
        }

        @Override
        public Optional<java.time.Duration> breakTimeout() {
            return setup.breakTimeout();
        }

        @Override
        public Optional<io.interlock.scenarios.targets.NlmCallbackRoute> nlmCallback() {
            return setup.nlmCallback();
        }

        @Override
        public io.interlock.scenarios.targets.PathMapping paths() {
            return setup.paths();
        }

        @Override
        public void close() {
            setup.close();
        }
    }
}
