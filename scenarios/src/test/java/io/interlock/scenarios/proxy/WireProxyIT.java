package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.ProxyTesting.BOUND;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitOneDeliverable;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitUntil;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitValue;
import static io.interlock.scenarios.proxy.ProxyTesting.readExactly;
import static io.interlock.scenarios.proxy.ProxyTesting.smbFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.proxy.ProxyTesting.EchoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's mechanics on real sockets against a byte-echo upstream: framing, PASS and HOLD,
 * ordering, counters, drop, half close, listeners. Frames here are not real SMB2 (their summaries
 * are Opaque); real protocol traffic is in {@link SmbThroughProxyIT} and {@link NlmThroughProxyIT}.
 */
class WireProxyIT {
    private EchoServer echo;
    private WireProxy proxy;
    private final List<Socket> clients = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        proxy = new WireProxy();
        proxy.addListener(new FrameListener() {
            @Override
            public void opened(Connection c) {
                events.add("opened c" + c.id());
            }

            @Override
            public void arrived(Frame f) {
                events.add("arrived #" + f.seq() + " " + f.direction());
            }

            @Override
            public void delivered(Frame f) {
                events.add("delivered #" + f.seq());
            }

            @Override
            public void dropped(Frame f) {
                events.add("dropped #" + f.seq());
            }

            @Override
            public void closed(Connection c) {
                events.add("closed c" + c.id());
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : clients) {
            s.close();
        }
        proxy.close();
        echo.close();
    }

    private Socket connect(InetSocketAddress front) throws Exception {
        Socket s = new Socket();
        s.connect(front, (int) BOUND.toMillis());
        s.setSoTimeout((int) BOUND.toMillis());
        s.setTcpNoDelay(true);
        clients.add(s);
        return s;
    }

    private Connection connectionOf(Socket s) throws Exception {
        return proxy.awaitConnection((InetSocketAddress) s.getLocalSocketAddress(), BOUND)
                .orElseThrow();
    }

    @Test
    void pass_framesInAnyPiecesAreForwardedWholeAndCounted() throws Exception {
        InetSocketAddress front = proxy.route("smb", WireProtocol.SMB2, echo.address());
        Socket s = connect(front);
        byte[] a = smbFrame(10, 1);
        byte[] b = smbFrame(70_000, 2); // larger than the reader's buffer
        byte[] c = smbFrame(0, 3);
        OutputStream out = s.getOutputStream();
        for (byte x : a) { // one byte at a time
            out.write(x);
            out.flush();
        }
        out.write(concat(b, c));
        byte[] back = readExactly(s.getInputStream(), a.length + b.length + c.length);
        assertThat(back).isEqualTo(concat(a, b, c));

        Connection conn = connectionOf(s);
        assertThat(conn.mode()).isEqualTo(ProxyMode.PASS);
        assertThat(conn.clientAddress()).isEqualTo(s.getLocalSocketAddress());
        assertThat(conn.frontAddress().getPort()).isEqualTo(front.getPort());
        assertThat(conn.upstreamAddress()).isEqualTo(echo.address());
        awaitUntil(proxy, () -> conn.stats(Direction.TO_CLIENT).deliveredFrames() == 3, "3 frames back");
        for (Direction d : Direction.values()) {
            PipeStats st = conn.stats(d);
            assertThat(st.receivedFrames()).as(d.name()).isEqualTo(3);
            assertThat(st.receivedBytes()).as(d.name()).isEqualTo(a.length + b.length + c.length);
            assertThat(st.deliveredBytes()).as(d.name()).isEqualTo(st.receivedBytes());
            assertThat(st.partialBytes()).as(d.name()).isZero();
            assertThat(st.queuedFrames()).as(d.name()).isZero();
        }
        assertThat(proxy.deliverable()).isEmpty();
    }

    @Test
    void hold_requestAndResponseEachWaitForDeliver() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        byte[] req = smbFrame(100, 7);
        s.getOutputStream().write(req);

        Frame held = awaitOneDeliverable(proxy, "the request is held");
        Connection conn = held.connection();
        assertThat(conn.mode()).isEqualTo(ProxyMode.HOLD);
        assertThat(held.direction()).isEqualTo(Direction.TO_SERVER);
        assertThat(held.bytes()).isEqualTo(req);
        assertThat(held.summary()).isInstanceOf(Opaque.class);
        assertThat(echo.bytesRead.get()).as("nothing reached the server").isZero();
        assertThat(conn.stats(Direction.TO_SERVER).deliveredBytes()).isZero();

        assertThat(proxy.deliver(held)).isTrue();
        assertThat(conn.stats(Direction.TO_SERVER).deliveredBytes()).isEqualTo(req.length);
        Frame echoed = awaitOneDeliverable(proxy, "the response is held");
        assertThat(echoed.direction()).isEqualTo(Direction.TO_CLIENT);
        assertThat(echoed.seq()).isGreaterThan(held.seq());
        assertThat(echoed.arrivalNanos()).isGreaterThanOrEqualTo(held.arrivalNanos());
        assertThat(s.getInputStream().available())
                .as("nothing reached the client")
                .isZero();

        assertThat(proxy.deliver(echoed)).isTrue();
        assertThat(readExactly(s.getInputStream(), req.length)).isEqualTo(req);
        assertThatThrownBy(() -> proxy.deliver(held))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delivered already");
    }

    @Test
    void hold_partialFrame_isReportedAsPartialNotReceived() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        byte[] req = smbFrame(96, 9);
        s.getOutputStream().write(req, 0, 10);
        Connection conn = connectionOf(s);
        awaitUntil(proxy, () -> conn.stats(Direction.TO_SERVER).partialBytes() == 10, "10 partial bytes");
        assertThat(conn.stats(Direction.TO_SERVER).receivedBytes()).isZero();
        assertThat(proxy.deliverable()).isEmpty();

        s.getOutputStream().write(req, 10, req.length - 10);
        Frame f = awaitOneDeliverable(proxy, "the completed frame");
        PipeStats st = conn.stats(Direction.TO_SERVER);
        assertThat(st.partialBytes()).isZero();
        assertThat(st.receivedBytes()).isEqualTo(req.length);
        assertThat(f.bytes()).isEqualTo(req);
    }

    @Test
    void deliver_onlyTheHeadOfAQueue_orderOnTheWireUnchanged() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        byte[] one = smbFrame(5, 1);
        byte[] two = smbFrame(6, 2);
        s.getOutputStream().write(concat(one, two));
        Connection conn = connectionOf(s);
        awaitUntil(proxy, () -> conn.stats(Direction.TO_SERVER).queuedFrames() == 2, "both queued");
        Frame first = proxy.deliverable().get(0);
        Frame second = snapshot(conn).get(1);
        assertThat(proxy.deliverable()).containsExactly(first);
        assertThatThrownBy(() -> proxy.deliver(second))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the head");
        assertThat(proxy.deliver(first)).isTrue();
        // the echo of the first may already be queued toward the client: look at the server side only
        assertThat(proxy.deliverable())
                .filteredOn(f -> f.direction() == Direction.TO_SERVER)
                .containsExactly(second);
        assertThat(proxy.deliver(second)).isTrue();
        awaitUntil(proxy, () -> conn.stats(Direction.TO_CLIENT).queuedFrames() == 2, "both echoed");
        assertThat(proxy.deliverAll()).isEqualTo(2);
        assertThat(readExactly(s.getInputStream(), one.length + two.length)).isEqualTo(concat(one, two));
    }

    /** The queued frames of a connection's TO_SERVER direction. */
    private List<Frame> snapshot(Connection conn) {
        return proxy.queued(conn, Direction.TO_SERVER);
    }

    @Test
    void deliverable_ordersByConnectionThenDirection() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        InetSocketAddress front = proxy.route("smb", WireProtocol.SMB2, echo.address());
        Socket s1 = connect(front);
        Socket s2 = connect(front);
        Connection c1 = connectionOf(s1);
        Connection c2 = connectionOf(s2);
        assertThat(c2.id()).isEqualTo(c1.id() + 1);
        // c2 speaks first; c1's request is echoed so c1 has both directions queued
        s2.getOutputStream().write(smbFrame(3, 2));
        s1.getOutputStream().write(smbFrame(3, 1));
        Frame r1 = awaitValue(proxy, () -> head(c1, Direction.TO_SERVER), "c1 request");
        proxy.deliver(r1);
        awaitValue(proxy, () -> head(c1, Direction.TO_CLIENT), "c1 response");
        s1.getOutputStream().write(smbFrame(4, 1));
        awaitUntil(proxy, () -> proxy.deliverable().size() == 3, "three heads");
        List<Frame> d = proxy.deliverable();
        assertThat(d)
                .extracting(f -> f.connection().id() + " " + f.direction())
                .containsExactly(c1.id() + " TO_SERVER", c1.id() + " TO_CLIENT", c2.id() + " TO_SERVER");
    }

    private Frame head(Connection c, Direction d) {
        List<Frame> q = proxy.queued(c, d);
        return q.isEmpty() ? null : q.get(0);
    }

    @Test
    void modeSwitch_holdToPass_flushesQueuedFramesInOrder_thenHoldAgain() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        byte[] one = smbFrame(5, 1);
        byte[] two = smbFrame(5, 2);
        s.getOutputStream().write(concat(one, two));
        Connection conn = connectionOf(s);
        awaitUntil(proxy, () -> conn.stats(Direction.TO_SERVER).queuedFrames() == 2, "both queued");

        conn.mode(ProxyMode.PASS);
        assertThat(conn.stats(Direction.TO_SERVER).deliveredFrames())
                .as("switching to PASS delivered what was queued, before returning")
                .isEqualTo(2);
        assertThat(readExactly(s.getInputStream(), 18)).isEqualTo(concat(one, two));

        conn.mode(ProxyMode.HOLD);
        s.getOutputStream().write(smbFrame(1, 3));
        Frame held = awaitOneDeliverable(proxy, "held again");
        assertThat(held.connection()).isSameAs(conn);
        assertThat(echo.bytesRead.get()).isEqualTo(18);
    }

    @Test
    void drop_closesBothSides_andRecordsQueuedFramesAsDropped() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        s.getOutputStream().write(smbFrame(8, 1));
        Frame f = awaitOneDeliverable(proxy, "held");
        Connection conn = f.connection();
        proxy.drop(conn);
        assertThat(conn.isOpen()).isFalse();
        assertThat(proxy.connections()).doesNotContain(conn);
        assertThat(conn.stats(Direction.TO_SERVER).droppedFrames()).isEqualTo(1);
        assertThat(conn.stats(Direction.TO_SERVER).queuedFrames()).isZero();
        assertThat(proxy.deliver(f)).as("a dropped frame is not delivered").isFalse();
        assertThat(readOrReset(s)).as("the client sees the close").isEqualTo(-1);
        assertThat(events)
                .containsSubsequence(
                        "arrived #" + f.seq() + " TO_SERVER", "dropped #" + f.seq(), "closed c" + conn.id());
        assertThat(events).doesNotContain("delivered #" + f.seq());
    }

    @Test
    void endOfStream_passedOnOnlyAfterQueuedFramesAreDelivered() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        byte[] req = smbFrame(12, 4);
        s.getOutputStream().write(req);
        s.shutdownOutput();
        Connection conn = connectionOf(s);
        awaitUntil(proxy, () -> conn.stats(Direction.TO_SERVER).senderClosed(), "client end of stream seen");
        assertThat(conn.isOpen()).isTrue();
        assertThat(echo.bytesRead.get()).isZero();

        proxy.deliver(proxy.deliverable().get(0));
        // the echo server reads the frame, then the end of stream, echoes and closes its side
        Frame back = awaitOneDeliverable(proxy, "echo held");
        awaitUntil(proxy, () -> conn.stats(Direction.TO_CLIENT).senderClosed(), "server end of stream seen");
        assertThat(s.getInputStream().available()).isZero();
        proxy.deliver(back);
        InputStream in = s.getInputStream();
        assertThat(readExactly(in, req.length)).isEqualTo(req);
        assertThat(in.read()).isEqualTo(-1);
        awaitUntil(proxy, () -> !conn.isOpen(), "closed once both sides ended");
        assertThat(events)
                .containsSubsequence("opened c" + conn.id(), "delivered #" + back.seq(), "closed c" + conn.id());
    }

    @Test
    void rpc_multiFragmentRecord_isOneFrameWithItsFragmentHeaders() throws Exception {
        proxy.defaultMode(ProxyMode.HOLD);
        Socket s = connect(proxy.route("nlm", WireProtocol.ONC_RPC, echo.address()));
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(new byte[] {0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8}); // fragment, not last
        rec.write(new byte[] {0, 0, 0, 0}); // empty fragment, not last
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 5);
        rec.write(new byte[] {(byte) 0x80, 0x01, (byte) 0x86, (byte) 0xA0}); // last fragment, 100000
        rec.write(big);
        byte[] record = rec.toByteArray();
        byte[] next = {(byte) 0x80, 0, 0, 4, 9, 9, 9, 9};
        s.getOutputStream().write(concat(record, next));
        Connection conn = connectionOf(s);
        awaitUntil(proxy, () -> conn.stats(Direction.TO_SERVER).queuedFrames() == 2, "two records");
        List<Frame> q = snapshot(conn);
        assertThat(q.get(0).bytes()).isEqualTo(record);
        assertThat(q.get(1).bytes()).isEqualTo(next);
        assertThat(q.get(0).summary()).isInstanceOf(Opaque.class);
    }

    @Test
    void frameAboveTheMaximum_closesTheConnection() throws Exception {
        proxy.close();
        proxy = new WireProxy(WireProxy.Options.defaults().withMaxFrameBytes(1024));
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        Connection conn = connectionOf(s);
        s.getOutputStream().write(smbFrame(2000, 1), 0, 100);
        awaitUntil(proxy, () -> !conn.isOpen(), "closed");
        assertThat(readOrReset(s)).isEqualTo(-1);
    }

    @Test
    void close_stopsEveryThreadItStarted() throws Exception {
        Socket s = connect(proxy.route("smb", WireProtocol.SMB2, echo.address()));
        connectionOf(s);
        assertThat(proxy.liveThreads()).as("at least the acceptor").isPositive();
        proxy.close();
        assertThat(readOrReset(s)).isEqualTo(-1);
        assertThat(proxy.liveThreads()).isZero();
    }

    @Test
    void awaitChange_returnsAtOnceWhenBehind_andTimesOutWhenNothingHappens() throws Exception {
        long now = proxy.changes();
        assertThat(proxy.awaitChange(now - 1, Duration.ofDays(1))).isEqualTo(now);
        assertThat(proxy.awaitChange(now, Duration.ofMillis(20))).isEqualTo(now);
    }

    /** The next byte, or -1 at end of stream; a reset (a close with bytes unread) counts as the end. */
    private static int readOrReset(Socket s) throws IOException {
        try {
            return s.getInputStream().read();
        } catch (SocketException e) {
            return -1;
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }
}
