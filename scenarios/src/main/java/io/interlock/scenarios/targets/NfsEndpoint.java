package io.interlock.scenarios.targets;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientDriver;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.nfs.RpcNfsClient;
import io.interlock.scenarios.clients.rpc.PortmapClient;
import io.interlock.scenarios.clients.rpc.XidSequence;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where an NFSv3 client reaches a target's export, and its NLM service. A port of 0 is unknown.
 *
 * <p>How {@link #connect} reaches MOUNT and NFS:
 *
 * <ul>
 *   <li>both ports known: our own {@link RpcNfsClient}, straight to them; no portmapper is asked;
 *   <li>no port known and the portmapper on 111 (a host given without ports): nfs-client-java
 *       ({@link NfsClientDriver}), which asks port 111 itself; that is then the user's choice;
 *   <li>otherwise the missing ports are asked (GETPORT) of the portmapper at {@code portmapPort},
 *       then {@link RpcNfsClient}.
 * </ul>
 *
 * <p>NLM: {@code nlmPort} when known, else GETPORT at the portmapper. The portmapper is also where
 * the engine's NLM callback listener registers, so that the server's GRANTED callbacks find it.
 *
 * @param host server host or IP
 * @param exportPath the path to MOUNT, e.g. "/share"
 * @param nfsPort NFS program (100003) TCP port, 0 = unknown
 * @param mountPort MOUNT program (100005) TCP port, 0 = unknown
 * @param nlmPort NLM program (100021 v4) TCP port, 0 = unknown
 * @param portmapPort where the target's portmapper answers, 0 = it runs none
 */
public record NfsEndpoint(String host, String exportPath, int nfsPort, int mountPort, int nlmPort, int portmapPort) {
    public static final int PORTMAP_PORT = 111;
    public static final int NFS_PROGRAM = 100003;
    public static final int MOUNT_PROGRAM = 100005;

    public NfsEndpoint {
        for (int p : new int[] {nfsPort, mountPort, nlmPort, portmapPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        }
    }

    /** A host given without ports: everything through the portmapper on port 111. */
    public static NfsEndpoint viaPortmapper(String host, String exportPath) {
        return new NfsEndpoint(host, exportPath, 0, 0, 0, PORTMAP_PORT);
    }

    /** MOUNT and NFS known; true means no portmapper is needed to reach the export. */
    public boolean hasExplicitPorts() {
        return nfsPort > 0 && mountPort > 0;
    }

    /** The target's portmapper, if it runs one. */
    public Optional<InetSocketAddress> portmapper() {
        return portmapPort > 0 ? Optional.of(address(portmapPort)) : Optional.empty();
    }

    public InetSocketAddress address(int port) {
        return new InetSocketAddress(host, port);
    }

    /** Connects an NFS client to the export as the class comment says. */
    public NfsClient connect(NfsClientOptions options) throws IOException {
        if (hasExplicitPorts()) {
            return RpcNfsClient.connect(address(mountPort), address(nfsPort), exportPath, options);
        }
        if (nfsPort == 0 && mountPort == 0 && portmapPort == PORTMAP_PORT) {
            return NfsClientDriver.connect(host, exportPath, 0, 0, options.retry());
        }
        if (portmapPort == 0) {
            throw new IOException(this + ": the MOUNT and NFS ports are not both known and there is no portmapper");
        }
        PortmapClient pm = new PortmapClient(
                address(portmapPort),
                options.timeout(),
                new XidSequence(options.xidSeed()),
                options.machineName(),
                options.activity());
        int mount = mountPort > 0 ? mountPort : pm.getPort(MOUNT_PROGRAM, 3);
        int nfs = nfsPort > 0 ? nfsPort : pm.getPort(NFS_PROGRAM, 3);
        if (mount == 0 || nfs == 0) {
            throw new IOException(
                    "portmapper " + pm.address() + " maps MOUNT v3 to " + mount + " and NFS v3 to " + nfs);
        }
        return RpcNfsClient.connect(address(mount), address(nfs), exportPath, options);
    }

    @Override
    public String toString() {
        StringBuilder q = new StringBuilder();
        append(q, "nfsport", nfsPort);
        append(q, "mountport", mountPort);
        append(q, "nlmport", nlmPort);
        if (portmapPort != PORTMAP_PORT) {
            q.append(q.length() == 0 ? "?" : "&").append("portmap=").append(portmapPort);
        }
        return "nfs://" + host + exportPath + q;
    }

    private static void append(StringBuilder q, String name, int port) {
        if (port > 0) {
            q.append(q.length() == 0 ? "?" : "&").append(name).append('=').append(port);
        }
    }
}
