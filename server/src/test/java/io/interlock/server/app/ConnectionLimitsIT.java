package io.interlock.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ServerLimits;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection limits of issue 10 on real sockets, with short configured timeouts: a client that
 * never logs in, one that leaves a record half-sent, one that goes quiet after a call, and one
 * connection too many are each closed; clients within the limits are served.
 */
class ConnectionLimitsIT {
    private static InterlockServer server;

    @BeforeAll
    static void start() throws Exception {
        ServerLimits limits = ServerLimits.defaults()
                .withLoginTimeout(Duration.ofSeconds(1))
                .withRequestTimeout(Duration.ofSeconds(1))
                .withIdleTimeout(Duration.ofSeconds(2))
                .withMaxConnections(4);
        server = InterlockServer.start(
                ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0).withLimits(limits));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Socket connect(InetSocketAddress a) throws IOException {
        Socket s = new Socket(a.getAddress(), a.getPort());
        s.setSoTimeout(8_000);
        return s;
    }

    /** Whether the server closed {@code s} (end of stream or reset); waits at most 50 ms for a byte. */
    private static boolean isClosed(Socket s) throws IOException {
        s.setSoTimeout(50);
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            s.setSoTimeout(8_000);
        }
    }

    /** Seconds until the server closed the connection; fails when it stays open 8 s. */
    private static double closedAfter(Socket s) throws IOException {
        long t0 = System.nanoTime();
        InputStream in = s.getInputStream();
        try {
            while (in.read() != -1) {
                // drain replies
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after 8 s");
        } catch (IOException reset) {
            // closed with a reset
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void nfsNull(Socket s) throws IOException {
        byte[] call = RpcClient.encodeCall(
                1, Nfs3Program.PROGRAM, Nfs3Program.VERSION, 0, RpcCredential.None.INSTANCE, XdrEncodable.VOID);
        OutputStream out = s.getOutputStream();
        out.write(ByteBuffer.allocate(4).putInt(0x80000000 | call.length).array());
        out.write(call);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] reply = new byte[in.readInt() & 0x7FFFFFFF];
        in.readFully(reply);
    }

    @Test
    void smb_neverLoggedIn_closedByLoginTimeout() throws Exception {
        try (Socket s = connect(server.endpoints().smb())) {
            assertThat(closedAfter(s)).as("not before the 1 s timeout").isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void nfs_recordHalfSent_closedByRequestTimeout_evenAfterACall() throws Exception {
        try (Socket s = connect(server.endpoints().nfs())) {
            nfsNull(s);
            s.getOutputStream().write(new byte[] {(byte) 0x80, 0, 0, 100, 1, 2, 3});
            s.getOutputStream().flush();
            assertThat(closedAfter(s)).as("not before the 1 s timeout").isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void nfs_quietAfterACall_closedByIdleTimeout() throws Exception {
        try (Socket s = connect(server.endpoints().nfs())) {
            nfsNull(s);
            assertThat(closedAfter(s)).as("not before the 2 s idle timeout").isGreaterThanOrEqualTo(1.5);
        }
    }

    @Test
    void smb_oneConnectionOverMax_closedAtOnce() throws Exception {
        // a server of its own whose login timeout (60 s) is far beyond the 8 s bound of closedAfter:
        // a close within the bound is the connection limit's doing, whatever the machine's load
        ServerLimits limits =
                ServerLimits.defaults().withLoginTimeout(Duration.ofSeconds(60)).withMaxConnections(4);
        try (InterlockServer own = InterlockServer.start(
                ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0).withLimits(limits))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    open.add(connect(own.endpoints().smb()));
                }
                // which of the five the server accepts last is its business, not the client's order:
                // exactly one is closed, within the 8 s bound, and the other four stay open
                java.util.Set<Socket> closed = new java.util.HashSet<>();
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(8))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            for (Socket s : open) {
                                if (!closed.contains(s) && isClosed(s)) {
                                    closed.add(s);
                                }
                            }
                            return !closed.isEmpty();
                        });
                for (Socket s : open) {
                    if (!closed.contains(s) && isClosed(s)) {
                        closed.add(s);
                    }
                }
                assertThat(closed).as("one connection over max 4 is closed").hasSize(1);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
