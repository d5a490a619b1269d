package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.ProxyTesting.BOUND;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitValue;
import static io.interlock.scenarios.proxy.ProxyTesting.readExactly;
import static io.interlock.scenarios.proxy.ProxyTesting.smbFrame;
import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.proxy.ProxyTesting.EchoServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small, JMH-free measure of the lockstep cost the engine will pay: programs of 4 connections
 * and 50 frames each (25 request/response pairs over a byte-echo upstream), every frame held and
 * delivered one at a time by a single scheduler thread that waits on the proxy's change counter.
 * It prints programs per minute and the cost per frame; it asserts only what must hold (every
 * frame delivered, in order, intact), since timings depend on the machine's load.
 */
class ProxyThroughputIT {
    private static final int PROGRAMS = 60;
    private static final int CONNECTIONS = 4;
    private static final int PAIRS = 25;

    @Test
    void lockstepPrograms_fourConnectionsFiftyFramesEach_allDeliveredInOrder() throws Exception {
        try (EchoServer echo = new EchoServer();
                WireProxy proxy = new WireProxy(WireProxy.Options.defaults().withDefaultMode(ProxyMode.HOLD))) {
            InetSocketAddress front = proxy.route("smb", WireProtocol.SMB2, echo.address());
            runPrograms(proxy, front, 5); // warm-up
            long setupNanos = 0;
            long start = System.nanoTime();
            for (int p = 0; p < PROGRAMS; p++) {
                setupNanos += runPrograms(proxy, front, 1);
            }
            long total = System.nanoTime() - start;
            long frames = (long) PROGRAMS * CONNECTIONS * PAIRS * 2;
            double perMinute = PROGRAMS * 60e9 / total;
            System.out.printf(
                    "proxy lockstep: %d programs (%d frames) in %.1f ms: %.0f programs/min, %.1f us/frame,"
                            + " connection setup %.0f us each%n",
                    PROGRAMS,
                    frames,
                    total / 1e6,
                    perMinute,
                    (total - setupNanos) / 1e3 / frames,
                    setupNanos / 1e3 / (PROGRAMS * CONNECTIONS));
            assertThat(proxy.connections()).isEmpty();
        }
    }

    /** Runs {@code n} programs; returns the nanoseconds spent connecting. */
    private static long runPrograms(WireProxy proxy, InetSocketAddress front, int n) throws Exception {
        long setup = 0;
        for (int p = 0; p < n; p++) {
            long t0 = System.nanoTime();
            List<Socket> clients = new ArrayList<>();
            List<Connection> conns = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket();
                s.connect(front, (int) BOUND.toMillis());
                s.setTcpNoDelay(true);
                s.setSoTimeout((int) BOUND.toMillis());
                clients.add(s);
                conns.add(proxy.awaitConnection((InetSocketAddress) s.getLocalSocketAddress(), BOUND)
                        .orElseThrow());
            }
            setup += System.nanoTime() - t0;
            for (int k = 0; k < PAIRS; k++) {
                for (int i = 0; i < CONNECTIONS; i++) {
                    byte[] req = smbFrame(96, k);
                    clients.get(i).getOutputStream().write(req);
                    Connection c = conns.get(i);
                    proxy.deliver(awaitValue(proxy, () -> head(proxy, c, Direction.TO_SERVER), "request"));
                    proxy.deliver(awaitValue(proxy, () -> head(proxy, c, Direction.TO_CLIENT), "response"));
                    assertThat(readExactly(clients.get(i).getInputStream(), req.length))
                            .isEqualTo(req);
                }
            }
            for (Socket s : clients) {
                s.close();
            }
            for (Connection c : conns) {
                ProxyTesting.awaitUntil(proxy, () -> !c.isOpen(), "connection closed");
                assertThat(c.stats(Direction.TO_SERVER).deliveredFrames()).isEqualTo(PAIRS);
                assertThat(c.stats(Direction.TO_CLIENT).deliveredFrames()).isEqualTo(PAIRS);
            }
        }
        return setup;
    }

    private static Frame head(WireProxy proxy, Connection c, Direction d) {
        List<Frame> q = proxy.queued(c, d);
        return q.isEmpty() ? null : q.get(0);
    }
}
