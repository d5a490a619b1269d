package io.interlock.server.nfs;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.portmap.PortmapMapping;
import io.interlock.server.nfs.portmap.PortmapProgram;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** A real NfsServer on 127.0.0.1 with one in-memory share "share", for socket tests. */
final class NfsTestServers implements AutoCloseable {
    final SystemServerClock clock = new SystemServerClock();
    final FaultPoints faults = new FaultPoints();
    final LockManager locks = new LockManager(clock, LockManagerConfig.defaults(), faults);
    final ShareRegistry shares = new ShareRegistry();
    final NfsServer server;
    final NfsServer.NfsEndpoints endpoints;

    NfsTestServers(PortmapMode mode, int portmapPort) throws IOException {
        shares.add(new Share("share", new MemoryFileSystem(clock.asJavaClock()), BreakPolicy.WAIT, true));
        ServerConfig config = ServerConfig.ephemeral().withPortmap(mode, portmapPort);
        server = new NfsServer(config, shares, locks, clock, faults);
        endpoints = server.start();
    }

    /** GETPORT(prog, vers, TCP) at a portmapper, or -1 when nothing answers there. */
    static int getPort(InetSocketAddress portmapper, int prog, int vers) {
        try (RpcClient c = new RpcClient(portmapper, Duration.ofSeconds(3))) {
            RpcReplyView v = c.call(
                    PortmapProgram.PROGRAM,
                    2,
                    PortmapProgram.PMAPPROC_GETPORT,
                    RpcCredential.None.INSTANCE,
                    new PortmapMapping(prog, vers, 6, 0)::encode);
            return v.success() ? v.results().readInt() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        server.close();
        clock.close();
    }
}
