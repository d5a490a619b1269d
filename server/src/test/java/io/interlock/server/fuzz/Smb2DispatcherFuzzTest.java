package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryBudget;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import io.interlock.server.smb2.handlers.Smb2Dispatcher;
import io.interlock.server.smb2.handlers.Smb2Services;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.session.Smb2Transport;
import io.interlock.server.smb2.session.Smb2Tree;
import io.interlock.server.smb2.wire.Smb2Dialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Whole SMB2 frames through the real dispatcher and handlers on the in-memory store: header,
 * compound chains ([MS-SMB2] 3.3.5.2.7), credit and message-id checks, every command's decoder and
 * handler. Byte 0 chooses the connection's state (fresh, or negotiated with session 77 and tree 1
 * logged in, in which case the first header's SessionId/TreeId are set to them so captured traffic
 * reaches the handlers); the rest is one frame as the transport delivers it. A finding is an
 * exception leaving the dispatcher or a STATUS_INTERNAL_ERROR answer (a handler failed
 * unexpectedly).
 */
class Smb2DispatcherFuzzTest {
    private static final Smb2Services SVC;
    private static final Smb2Dispatcher DISPATCHER;
    private static final Share SHARE;

    static {
        VirtualServerClock clock = new VirtualServerClock();
        FaultPoints faults = new FaultPoints();
        LockManager locks = new LockManager(clock, new LockManagerConfig(Duration.ofSeconds(35)), faults);
        MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock(), 1, new MemoryBudget(64L << 20));
        try {
            fs.createFile(fs.root(), "f.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
            fs.mkdir(fs.root(), "dir", SetAttributes.NONE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ShareRegistry shares = new ShareRegistry();
        SHARE = new Share("share", fs, BreakPolicy.NOTIFY, true);
        shares.add(SHARE);
        SVC = Smb2Services.create(ServerConfig.ephemeral(), shares, locks, clock, faults);
        DISPATCHER = new Smb2Dispatcher(SVC);
    }

    private static final class Capture implements Smb2Transport {
        final List<byte[]> sent = new ArrayList<>();
        boolean closed;

        @Override
        public void send(byte[] message) {
            sent.add(message);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isActive() {
            return !closed;
        }

        @Override
        public String remote() {
            return "fuzz";
        }
    }

    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void smb2Frame(byte[] data) {
        FuzzStats.hit("Smb2DispatcherFuzzTest");
        if (data.length < 1) {
            return;
        }
        byte[] frame = java.util.Arrays.copyOfRange(data, 1, data.length);
        Capture t = new Capture();
        Smb2Connection conn = new Smb2Connection(t, Runnable::run);
        if ((data[0] & 1) == 1) {
            conn.negotiate(Smb2Dialect.SMB_2_1, UUID.randomUUID(), 0, 1, 1, 0);
            conn.messageWindow().grant(8192);
            Smb2Session s = new Smb2Session(77);
            s.establish("interlock", false, null, null, false);
            conn.sessions().put(77L, s);
            s.trees().put(1, new Smb2Tree(1, SHARE));
            if (frame.length >= 64 && (frame[0] & 0xFF) == 0xFE) {
                frame[36] = 1; // TreeId
                frame[37] = 0;
                frame[38] = 0;
                frame[39] = 0;
                frame[40] = 77; // SessionId
                for (int i = 41; i < 48; i++) {
                    frame[i] = 0;
                }
            }
        }
        try {
            DISPATCHER.frame(conn, frame);
        } finally {
            DISPATCHER.connectionClosed(conn);
        }
        for (byte[] m : t.sent) {
            // every message of a response chain: Status at offset 8 of each header
            for (int at = 0; at + 64 <= m.length; ) {
                int status = (m[at + 8] & 0xFF)
                        | (m[at + 9] & 0xFF) << 8
                        | (m[at + 10] & 0xFF) << 16
                        | (m[at + 11] & 0xFF) << 24;
                if (status == 0xC00000E5) {
                    throw new AssertionError("STATUS_INTERNAL_ERROR: a handler failed unexpectedly (see the log)");
                }
                int next = (m[at + 20] & 0xFF)
                        | (m[at + 21] & 0xFF) << 8
                        | (m[at + 22] & 0xFF) << 16
                        | (m[at + 23] & 0xFF) << 24;
                if (next <= 0) {
                    break;
                }
                at += next;
            }
        }
    }
}
