package io.interlock.server.smb2;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

/** An Smb2Server on 127.0.0.1:0 with one in-memory share "share", for socket tests. */
final class Smb2TestServer implements AutoCloseable {
    final SystemServerClock clock = new SystemServerClock();
    final FaultPoints faults = new FaultPoints();
    final LockManager locks;
    final ShareRegistry shares = new ShareRegistry();
    final MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock());
    final Smb2Server server;
    final InetSocketAddress address;

    Smb2TestServer(ServerConfig config) throws IOException {
        this(config, io.interlock.server.smb2.handlers.Smb2Options.defaults());
    }

    Smb2TestServer(ServerConfig config, io.interlock.server.smb2.handlers.Smb2Options options) throws IOException {
        this(config, options, LockManagerConfig.defaults());
    }

    Smb2TestServer(
            ServerConfig config, io.interlock.server.smb2.handlers.Smb2Options options, LockManagerConfig lockConfig)
            throws IOException {
        locks = new LockManager(clock, lockConfig, faults);
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        // -Dinterlock.test.faults=A,B turns fault points on, to show which tests catch them
        for (String f : System.getProperty("interlock.test.faults", "").split(",")) {
            if (!f.isBlank()) {
                faults.enable(io.interlock.server.faults.Fault.valueOf(f.trim()));
            }
        }
        server = new Smb2Server(config.withPorts(0, 0, 0, 0), shares, locks, clock, faults, options);
        address = server.start();
    }

    Smb2TestServer() throws IOException {
        this(ServerConfig.ephemeral());
    }

    int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.close();
        clock.close();
    }
}
