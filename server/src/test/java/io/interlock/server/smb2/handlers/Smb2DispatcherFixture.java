package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import io.interlock.server.smb2.auth.Smb2Signing;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.session.Smb2Transport;
import io.interlock.server.smb2.session.Smb2Tree;
import io.interlock.server.smb2.wire.Smb2Dialect;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;

/**
 * The dispatcher with real handlers on the in-memory store, and one connection whose transport
 * captures what the server sends ({@link #sent}), run on a single-thread {@link #lane}: SMB 3.0.2
 * negotiated, credits granted for message ids from 10 on, session 77 established with signing key
 * {@link #KEY}, tree 1 on the share "share" (break policy WAIT). No file exists yet.
 */
abstract class Smb2DispatcherFixture {
    static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final ServerClock clock;
    final FaultPoints faults = new FaultPoints();
    final LockManager locks;
    final MemoryFileSystem fs;
    final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    final ExecutorService lane = Executors.newSingleThreadExecutor();
    final Smb2Services svc;
    final Smb2Dispatcher dispatcher;
    final Smb2Connection conn;
    final Smb2Session session;
    long messageId = 10;

    Smb2DispatcherFixture(ServerClock clock, LockManagerConfig config) {
        this.clock = clock;
        locks = new LockManager(clock, config, faults);
        fs = new MemoryFileSystem(clock.asJavaClock());
        ShareRegistry shares = new ShareRegistry();
        Share share = new Share("share", fs, BreakPolicy.WAIT, true);
        shares.add(share);
        svc = Smb2Services.create(ServerConfig.ephemeral(), shares, locks, clock, faults);
        dispatcher = new Smb2Dispatcher(svc);
        conn = capturing(sent, "test", lane);
        conn.negotiate(Smb2Dialect.SMB_3_0_2, UUID.randomUUID(), 0, 1, 1, 0);
        // the credits a NEGOTIATE and SESSION_SETUP would have granted: message ids from 10 on are valid
        conn.messageWindow().grant(4096);
        session = new Smb2Session(77);
        session.establish("interlock", false, KEY, Smb2Signing.Algorithm.AES_CMAC, true);
        conn.sessions().put(session.id(), session);
        session.trees().put(1, new Smb2Tree(1, share));
    }

    /** A connection whose transport adds every message the server sends to {@code sent}. */
    static Smb2Connection capturing(BlockingQueue<byte[]> sent, String remote, Executor lane) {
        return new Smb2Connection(
                new Smb2Transport() {
                    @Override
                    public void send(byte[] message) {
                        sent.add(message);
                    }

                    @Override
                    public void close() {}

                    @Override
                    public boolean isActive() {
                        return true;
                    }

                    @Override
                    public String remote() {
                        return remote;
                    }
                },
                lane);
    }

    @AfterEach
    void stopLaneAndClock() throws Exception {
        lane.shutdownNow();
        if (clock instanceof AutoCloseable c) {
            c.close();
        }
    }
}
