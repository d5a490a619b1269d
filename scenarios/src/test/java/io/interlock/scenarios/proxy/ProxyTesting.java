package io.interlock.scenarios.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Helpers of the proxy tests: event-driven waits on a proxy, frames, a byte-echo upstream. */
final class ProxyTesting {
    static final Duration BOUND = Duration.ofSeconds(10);

    private ProxyTesting() {}

    /** Waits (on the proxy's change counter, no polling) until {@code condition} holds. */
    static void awaitUntil(WireProxy proxy, BooleanSupplier condition, String what)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            long seen = proxy.changes();
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("not within " + BOUND + ": " + what);
            }
            proxy.awaitChange(seen, Duration.ofNanos(left));
        }
    }

    /** Waits until {@code supplier} gives a non-null value, and returns it. */
    static <T> T awaitValue(WireProxy proxy, Supplier<T> supplier, String what)
            throws InterruptedException, TimeoutException {
        Object[] box = new Object[1];
        awaitUntil(
                proxy,
                () -> {
                    box[0] = supplier.get();
                    return box[0] != null;
                },
                what);
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
    }

    /** The single deliverable frame once there is exactly one. */
    static Frame awaitOneDeliverable(WireProxy proxy, String what) throws InterruptedException, TimeoutException {
        return awaitValue(
                proxy,
                () -> {
                    List<Frame> d = proxy.deliverable();
                    return d.size() == 1 ? d.get(0) : null;
                },
                what);
    }

    /** A NetBIOS-framed message of {@code length} payload bytes, each {@code fill}. */
    static byte[] smbFrame(int length, int fill) {
        byte[] b = new byte[4 + length];
        b[1] = (byte) (length >>> 16);
        b[2] = (byte) (length >>> 8);
        b[3] = (byte) length;
        for (int i = 4; i < b.length; i++) {
            b[i] = (byte) fill;
        }
        return b;
    }

    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("end of stream after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /**
     * An upstream that echoes every byte back on each connection and closes its side at end of
     * stream; it counts what it read.
     */
    static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;
        final AtomicLong bytesRead = new AtomicLong();
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final List<Thread> workers = new CopyOnWriteArrayList<>();

        EchoServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::acceptLoop, "echo-upstream-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        private void acceptLoop() {
            while (true) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                accepted.add(s);
                Thread w = new Thread(() -> echo(s), "echo-upstream-" + s.getPort());
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
        }

        private void echo(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) > 0) {
                    bytesRead.addAndGet(n);
                    out.write(buf, 0, n);
                }
                s.shutdownOutput();
            } catch (IOException e) {
                // peer went away
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
            acceptor.join(BOUND.toMillis());
            for (Thread w : workers) {
                w.join(BOUND.toMillis());
            }
        }
    }
}
