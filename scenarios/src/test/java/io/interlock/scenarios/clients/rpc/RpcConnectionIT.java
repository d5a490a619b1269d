package io.interlock.scenarios.clients.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.clients.ClientActivity;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcConnection} against a scripted RPC peer on an ephemeral port: deterministic xids from
 * the seed, replies reassembled from several fragments, RPC-level rejections named, the reply
 * timeout (which closes the connection), and the byte counts reported to {@link ClientActivity}.
 */
class RpcConnectionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One accepted connection: the calls it read, answered by {@code answer} (null = never). */
    private static final class Peer implements AutoCloseable {
        final ServerSocket server;
        final BlockingQueue<byte[]> calls = new LinkedBlockingQueue<>();
        final AtomicLong bytesIn = new AtomicLong();
        final AtomicLong bytesOut = new AtomicLong();
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Peer(Function<byte[], List<byte[]>> answer) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> serve(answer), "rpc-peer");
            t.setDaemon(true);
            t.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        private void serve(Function<byte[], List<byte[]>> answer) {
            try (Socket s = server.accept()) {
                accepted.add(s);
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    OncRpc.Record r = OncRpc.readRecord(in, OncRpc.MAX_RECORD);
                    bytesIn.addAndGet(r.wireBytes());
                    calls.add(r.message());
                    List<byte[]> fragments = answer.apply(r.message());
                    if (fragments == null) {
                        continue;
                    }
                    for (int i = 0; i < fragments.size(); i++) {
                        byte[] f = fragments.get(i);
                        int h = (i == fragments.size() - 1 ? 0x80000000 : 0) | f.length;
                        out.write(new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h});
                        out.write(f);
                        bytesOut.addAndGet(4L + f.length);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the client closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static int xidOf(byte[] call) {
        return new XdrIn(call).int32();
    }

    /** SUCCESS reply to the call with {@code result} as results, split into {@code parts} fragments. */
    private static List<byte[]> reply(byte[] call, int result, int parts) {
        byte[] whole = OncRpc.successReply(xidOf(call)).int32(result).bytes();
        List<byte[]> out = new ArrayList<>();
        int step = Math.max(1, whole.length / parts);
        for (int off = 0; off < whole.length; off += step) {
            int end = out.size() == parts - 1 ? whole.length : Math.min(whole.length, off + step);
            out.add(java.util.Arrays.copyOfRange(whole, off, end));
            if (end == whole.length) {
                break;
            }
        }
        return out;
    }

    private Peer peer;

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void call_seededSequence_xidsCountUpFromTheSeedAndHeaderIsAuthSys() throws Exception {
        peer = new Peer(call -> reply(call, 7, 1));
        XidSequence xids = new XidSequence(0xFFFFFFFE);
        try (RpcConnection c =
                RpcConnection.open(peer.address(), TIMEOUT, xids, AuthSys.root("engine-host"), ClientActivity.NONE)) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.call(100003, 3, 0, new byte[] {0, 0, 0, 9}).int32())
                        .isEqualTo(7);
            }
        }
        List<Integer> seen = new ArrayList<>();
        byte[] first = null;
        for (byte[] call : peer.calls) {
            seen.add(xidOf(call));
            first = first == null ? call : first;
        }
        assertThat(seen).containsExactly(0xFFFFFFFE, 0xFFFFFFFF, 0); // wraps like a uint32
        XdrIn in = new XdrIn(first);
        in.int32(); // xid
        assertThat(in.int32()).isEqualTo(OncRpc.CALL);
        assertThat(in.int32()).isEqualTo(2); // rpcvers
        assertThat(new int[] {in.int32(), in.int32(), in.int32()}).containsExactly(100003, 3, 0);
        assertThat(in.int32()).isEqualTo(AuthSys.FLAVOR);
        assertThat(AuthSys.decode(in.opaque(400))).isEqualTo(AuthSys.root("engine-host"));
        assertThat(new int[] {in.int32(), in.int32()}).containsExactly(0, 0); // AUTH_NONE verifier
        assertThat(in.int32()).isEqualTo(9); // the arguments
        assertThat(in.remaining()).isZero();
    }

    @Test
    void call_replyInThreeFragments_isReassembledAndEveryByteReported() throws Exception {
        peer = new Peer(call -> reply(call, 0x01020304, 3));
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicLong wrote = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        ClientActivity activity = new ClientActivity() {
            @Override
            public void wrote(InetSocketAddress local, int n) {
                order.add("wrote");
                wrote.addAndGet(n);
            }

            @Override
            public void consumed(InetSocketAddress local, int n) {
                order.add("consumed");
                consumed.addAndGet(n);
            }

            @Override
            public void blocking(java.util.concurrent.Future<?> awaited) {
                order.add(awaited == null ? "blocking" : "blocking-future");
            }

            @Override
            public void unblocked() {
                order.add("unblocked");
            }
        };
        try (RpcConnection c =
                RpcConnection.open(peer.address(), TIMEOUT, new XidSequence(1), AuthSys.root("h"), activity)) {
            assertThat(c.call(100005, 3, 1, new XdrOut().string("/share").bytes())
                            .int32())
                    .isEqualTo(0x01020304);
        }
        assertThat(order).containsExactly("wrote", "blocking", "unblocked", "consumed");
        assertThat(wrote.get()).isEqualTo(peer.bytesIn.get());
        assertThat(consumed.get()).isEqualTo(peer.bytesOut.get()).isEqualTo(4 * 3 + 28);
    }

    @Test
    void call_procUnavailAndAuthError_failWithTheRpcReason() throws Exception {
        peer = new Peer(call -> {
            int xid = xidOf(call);
            int proc = new XdrIn(call, 20).int32();
            byte[] r = proc == 99
                    ? OncRpc.acceptError(xid, OncRpc.PROC_UNAVAIL)
                    // MSG_DENIED, AUTH_ERROR, AUTH_TOOWEAK (5)
                    : new XdrOut()
                            .int32(xid)
                            .int32(1)
                            .int32(1)
                            .int32(1)
                            .int32(5)
                            .bytes();
            return List.of(r);
        });
        try (RpcConnection c =
                RpcConnection.open(peer.address(), TIMEOUT, new XidSequence(1), null, ClientActivity.NONE)) {
            assertThatThrownBy(() -> c.call(100003, 3, 99, new byte[0]))
                    .isInstanceOf(RpcProtocolException.class)
                    .hasMessageContaining("PROC_UNAVAIL");
            assertThatThrownBy(() -> c.call(100003, 3, 1, new byte[0]))
                    .isInstanceOf(RpcProtocolException.class)
                    .hasMessageContaining("AUTH_ERROR (auth_stat 5)");
        }
    }

    @Test
    void call_peerNeverAnswers_timesOutAndClosesTheConnection() throws Exception {
        peer = new Peer(call -> null);
        List<String> order = new CopyOnWriteArrayList<>();
        ClientActivity activity = new ClientActivity() {
            @Override
            public void blocking(java.util.concurrent.Future<?> awaited) {
                order.add("blocking");
            }

            @Override
            public void unblocked() {
                order.add("unblocked");
            }
        };
        try (RpcConnection c = RpcConnection.open(
                peer.address(), Duration.ofMillis(300), new XidSequence(5), AuthSys.root("h"), activity)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.call(100003, 3, 0, new byte[0]))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("xid 5")
                    .hasMessageContaining("within PT0.3S");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(order).containsExactly("blocking", "unblocked");
            // a late reply must never be taken for the next call's: the connection is gone
            assertThatThrownBy(() -> c.call(100003, 3, 0, new byte[0]))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("closed");
        }
        assertThat(peer.calls.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
}
