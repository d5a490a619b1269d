package io.interlock.scenarios.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP proxy that cuts every routed stream into frames ({@link WireProtocol}) and, per
 * connection, either forwards them at once ({@link ProxyMode#PASS}) or holds each one until the
 * scheduler delivers it ({@link ProxyMode#HOLD}). It knows frames, connections and modes, nothing
 * of operations or schedules.
 *
 * <p><b>Routes and connections.</b> {@link #route} opens a front socket on an ephemeral loopback
 * port; each client that connects there gets an upstream connection at once (connection setup is
 * never held) and a {@link Connection} with the next id. One reader thread per direction cuts
 * frames; a pooled thread is reused across connections.
 *
 * <p><b>Scheduling.</b> {@link #deliverable()} lists the head frame of every non-empty queue of a
 * HOLD connection, by connection id then {@link Direction}; {@link #deliver} writes one such head
 * to its receiver and returns when the write completed. Within one connection and direction the
 * order never changes: only a head can be delivered.
 *
 * <p><b>Quiescence: the guarantees the scheduler can build on.</b>
 *
 * <ol>
 *   <li>Every event (bytes read, a frame complete, a delivery, a drop, an end of stream, a close,
 *       a mode switch, a new connection) updates the counters and bumps {@link #changes()} in one
 *       critical section under one lock, and wakes {@link #awaitChange}. Listeners are called in
 *       that same section, so they see events in {@code changes()} order.
 *   <li>{@code receivedBytes + partialBytes} of a direction ({@link PipeStats}) is every byte read
 *       from its sender; a frame moves from partial to received only when complete. So "the client
 *       reported writing N bytes and the proxy has read N" and "a frame is still arriving"
 *       ({@code partialBytes > 0}) are exact tests.
 *   <li>{@code deliveredBytes} grows only after the write of a whole frame returned (the bytes are
 *       in the kernel), so comparing it with what a client reports as consumed tells whether the
 *       client has handled everything delivered to it.
 *   <li>A frame is visible to {@link #deliverable()} from the same critical section that counts it
 *       received and calls {@link FrameListener#arrived}.
 *   <li>After {@link Connection#mode(ProxyMode) mode(HOLD)} returns, no frame of that connection
 *       moves without {@link #deliver}; after {@code mode(PASS)} returns, every frame queued at the
 *       call has been delivered (or dropped with its connection).
 *   <li>An end of stream from one side is passed on (shutdown of output towards the other side)
 *       only after every frame queued before it was delivered, as TCP would.
 * </ol>
 *
 * <p>With the engine's clients, which report bytes by their local address ({@link
 * Connection#clientAddress()}): the proxy has everything a client wrote when the client's written
 * total equals {@code receivedBytes + partialBytes} of TO_SERVER, and the client has handled
 * everything delivered to it when its consumed total equals {@code deliveredBytes} of TO_CLIENT
 * (both count frame headers). A direction is idle when, in addition, {@code partialBytes == 0}
 * and nothing is queued; a held frame stays queued until the scheduler delivers it.
 *
 * <p>Thread-safe. {@link #close()} closes every route and connection (queued frames are recorded
 * as dropped) and stops every thread it started.
 */
public final class WireProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WireProxy.class);

    /**
     * @param defaultMode the mode of new connections
     * @param maxFrameBytes the largest frame accepted (header included); a larger one closes its
     *     connection. SMB2's own limit is 2^24 + 3; ONC RPC records have none, so this caps them
     * @param connectTimeout bound on the upstream connect
     * @param nanoClock where arrival times come from ({@link System#nanoTime} in production)
     */
    public record Options(ProxyMode defaultMode, int maxFrameBytes, Duration connectTimeout, LongSupplier nanoClock) {
        public static final int SMB2_MAX_FRAME = 4 + 0xFFFFFF;

        public Options {
            Objects.requireNonNull(defaultMode, "defaultMode");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(nanoClock, "nanoClock");
            if (maxFrameBytes < 4) {
                throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes);
            }
        }

        /** PASS, frames up to SMB2's limit, 5 s to connect upstream, {@link System#nanoTime}. */
        public static Options defaults() {
            return new Options(ProxyMode.PASS, SMB2_MAX_FRAME, Duration.ofSeconds(5), System::nanoTime);
        }

        public Options withDefaultMode(ProxyMode mode) {
            return new Options(mode, maxFrameBytes, connectTimeout, nanoClock);
        }

        public Options withMaxFrameBytes(int max) {
            return new Options(defaultMode, max, connectTimeout, nanoClock);
        }
    }

    /** A front socket and where its connections go. */
    private record Route(String name, WireProtocol protocol, InetSocketAddress upstream, ServerSocket front) {}

    /** What one attempt to write a queue head did. */
    private enum Write {
        DELIVERED,
        /** Nothing to write (empty queue, or not PASS when draining). */
        NOTHING,
        /** The connection is closed; the frame was (or will be) counted as dropped. */
        GONE
    }

    private final Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<FrameListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor threads;
    /** Every live thread of the pool, so that close can wait for each to end. */
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    // guarded by lock
    private long changes;
    private long lastSeq;
    private int lastConnectionId;
    private ProxyMode defaultMode;
    private boolean closed;
    /** Open connections in id order (ids only grow, so appending keeps the order). */
    private final List<Connection> open = new ArrayList<>();

    public WireProxy() {
        this(Options.defaults());
    }

    public WireProxy(Options options) {
        this.options = options;
        this.defaultMode = options.defaultMode();
        AtomicInteger n = new AtomicInteger();
        this.threads =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(
                            () -> {
                                try {
                                    r.run();
                                } finally {
                                    live.remove(Thread.currentThread());
                                }
                            },
                            "wire-proxy-" + n.incrementAndGet());
                    t.setDaemon(true);
                    live.add(t);
                    return t;
                });
    }

    /**
     * Opens a route: a front socket on an ephemeral loopback port whose connections are framed as
     * {@code protocol} and relayed to {@code upstream}.
     *
     * @param name a label for threads, logs, frames and the pcap (e.g. "smb", "nfs", "nlm")
     * @return the front address clients connect to
     */
    public InetSocketAddress route(String name, WireProtocol protocol, InetSocketAddress upstream) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(upstream, "upstream");
        ServerSocket front = new ServerSocket();
        front.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        Route r = new Route(name, protocol, upstream, front);
        lock.lock();
        try {
            if (closed) {
                front.close();
                throw new IllegalStateException("proxy closed");
            }
            routes.add(r);
        } finally {
            lock.unlock();
        }
        try {
            threads.execute(() -> accept(r));
        } catch (RejectedExecutionException e) {
            front.close();
            throw new IllegalStateException("proxy closed", e);
        }
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    public void addListener(FrameListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** The mode new connections start in. */
    public void defaultMode(ProxyMode mode) {
        Objects.requireNonNull(mode);
        lock.lock();
        try {
            defaultMode = mode;
        } finally {
            lock.unlock();
        }
    }

    public ProxyMode defaultMode() {
        lock.lock();
        try {
            return defaultMode;
        } finally {
            lock.unlock();
        }
    }

    /** Open connections, by id. */
    public List<Connection> connections() {
        lock.lock();
        try {
            return List.copyOf(open);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The open connection whose client end is {@code clientAddress}, waiting up to {@code max}
     * for the proxy to accept it (a client's connect returns before the proxy has accepted).
     */
    public Optional<Connection> awaitConnection(InetSocketAddress clientAddress, Duration max)
            throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Connection c : open) {
                    if (c.clientAddress().equals(clientAddress)) {
                        return Optional.of(c);
                    }
                }
                if (nanos <= 0 || closed) {
                    return Optional.empty();
                }
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The change counter: bumped by every event (see the class comment). */
    public long changes() {
        lock.lock();
        try {
            return changes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@link #changes()} differs from {@code seen}, at most {@code max}.
     *
     * @return the counter now (equal to {@code seen} when the wait timed out)
     */
    public long awaitChange(long seen, Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (changes == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return changes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The head frame of each non-empty queue of a HOLD connection: by connection id, then
     * direction (TO_SERVER first).
     */
    public List<Frame> deliverable() {
        lock.lock();
        try {
            List<Frame> out = new ArrayList<>();
            for (Connection c : open) {
                if (c.mode == ProxyMode.HOLD) {
                    addHead(out, c.toServer);
                    addHead(out, c.toClient);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private static void addHead(List<Frame> out, Pipe p) {
        Frame f = p.queue.peekFirst();
        if (f != null) {
            out.add(f);
        }
    }

    /** Every frame queued in one direction of a connection, head first (a snapshot). */
    public List<Frame> queued(Connection connection, Direction direction) {
        lock.lock();
        try {
            return List.copyOf(connection.pipe(direction).queue);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a queued frame to its receiver and returns once the write completed (the bytes are in
     * the kernel). The frame must be the head of its queue.
     *
     * @return true when delivered; false when its connection closed first (the frame then counts
     *     as dropped)
     * @throws IllegalStateException when the frame is not the head of its queue, or was delivered
     *     already
     */
    public boolean deliver(Frame frame) {
        Connection c = frame.connection();
        if (c.proxy() != this) {
            throw new IllegalArgumentException("frame #" + frame.seq() + " belongs to another proxy");
        }
        return writeHead(c.pipe(frame.direction()), frame) == Write.DELIVERED;
    }

    /**
     * Delivers every frame queued on HOLD connections at the time of the call, each queue in order
     * (by connection id, then direction). Frames that arrive meanwhile stay queued.
     *
     * @return how many were delivered
     */
    public int deliverAll() {
        List<Frame> all = new ArrayList<>();
        lock.lock();
        try {
            for (Connection c : open) {
                if (c.mode == ProxyMode.HOLD) {
                    all.addAll(c.toServer.queue);
                    all.addAll(c.toClient.queue);
                }
            }
        } finally {
            lock.unlock();
        }
        int n = 0;
        for (Frame f : all) {
            if (writeHead(f.connection().pipe(f.direction()), f) == Write.DELIVERED) {
                n++;
            }
        }
        return n;
    }

    /** Closes both sides of a connection; frames still queued are discarded and recorded as dropped. */
    public void drop(Connection connection) {
        if (connection.proxy() != this) {
            throw new IllegalArgumentException(connection + " belongs to another proxy");
        }
        closeConnection(connection, "dropped");
    }

    ProxyMode modeOf(Connection c) {
        lock.lock();
        try {
            return c.mode;
        } finally {
            lock.unlock();
        }
    }

    boolean isOpen(Connection c) {
        lock.lock();
        try {
            return !c.closed;
        } finally {
            lock.unlock();
        }
    }

    PipeStats statsOf(Pipe p) {
        lock.lock();
        try {
            return p.stats();
        } finally {
            lock.unlock();
        }
    }

    void setMode(Connection c, ProxyMode mode) {
        Objects.requireNonNull(mode);
        if (mode == ProxyMode.HOLD) {
            // wait out in-flight PASS writes, so nothing moves on its own once we return
            c.toServer.writeLock.lock();
            c.toClient.writeLock.lock();
            try {
                lock.lock();
                try {
                    c.mode = ProxyMode.HOLD;
                    bump();
                } finally {
                    lock.unlock();
                }
            } finally {
                c.toClient.writeLock.unlock();
                c.toServer.writeLock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            c.mode = ProxyMode.PASS;
            bump();
        } finally {
            lock.unlock();
        }
        drain(c.toServer);
        drain(c.toClient);
    }

    // ---- accepting

    private void accept(Route r) {
        Thread t = Thread.currentThread();
        String idle = t.getName();
        t.setName("wire-proxy accept " + r.name() + " " + r.front().getLocalPort());
        try {
            while (true) {
                Socket client;
                try {
                    client = r.front().accept();
                } catch (IOException e) {
                    if (!r.front().isClosed()) {
                        log.warn("route {}: accept failed, route closed: {}", r.name(), e.toString());
                    }
                    return;
                }
                open(r, client);
            }
        } finally {
            t.setName(idle);
        }
    }

    private void open(Route r, Socket client) {
        Socket up = new Socket();
        Connection c;
        try {
            client.setTcpNoDelay(true);
            up.setTcpNoDelay(true);
            up.connect(r.upstream(), (int) options.connectTimeout().toMillis());
        } catch (IOException e) {
            log.warn(
                    "route {}: upstream {} unreachable, client {} closed: {}",
                    r.name(),
                    r.upstream(),
                    client.getRemoteSocketAddress(),
                    e.toString());
            closeQuietly(client, up);
            return;
        }
        lock.lock();
        try {
            if (closed) {
                closeQuietly(client, up);
                return;
            }
            try {
                c = new Connection(this, lastConnectionId + 1, r.name(), r.protocol(), client, up, defaultMode);
            } catch (IOException e) {
                log.warn("route {}: connection setup failed: {}", r.name(), e.toString());
                closeQuietly(client, up);
                return;
            }
            lastConnectionId++;
            open.add(c);
            bump();
            for (FrameListener l : listeners) {
                try {
                    l.opened(c);
                } catch (RuntimeException e) {
                    log.warn("frame listener failed on open of {}", c, e);
                }
            }
        } finally {
            lock.unlock();
        }
        log.debug("{} opened, mode {}", c, c.mode);
        try {
            threads.execute(() -> read(c.toServer));
            threads.execute(() -> read(c.toClient));
        } catch (RejectedExecutionException e) {
            closeConnection(c, "proxy closed");
        }
    }

    // ---- reading

    private void read(Pipe p) {
        Thread t = Thread.currentThread();
        String idle = t.getName();
        t.setName("wire-proxy " + p.name());
        Connection c = p.connection;
        try {
            FrameReader reader = new FrameReader(c.protocol(), options.maxFrameBytes(), p.source.getInputStream());
            while (true) {
                int n = reader.fill();
                if (n < 0) {
                    senderClosed(p, reader.pending());
                    return;
                }
                boolean any = false;
                byte[] raw;
                while ((raw = reader.next()) != null) {
                    arrived(p, raw, summarize(c.protocol(), raw), reader.pending());
                    any = true;
                }
                if (any) {
                    drain(p);
                } else if (n > 0) {
                    progress(p, reader.pending());
                }
            }
        } catch (FrameReader.FrameTooLargeException e) {
            log.warn("{}: {}; connection closed", p.name(), e.getMessage());
            closeConnection(c, e.getMessage());
        } catch (IOException e) {
            if (isOpen(c)) {
                log.debug("{}: {}", p.name(), e.toString());
            }
            closeConnection(c, p.direction + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("{}: reader failed", p.name(), e);
            closeConnection(c, p.direction + " reader failed: " + e);
        } finally {
            t.setName(idle);
        }
    }

    private static FrameSummary summarize(WireProtocol protocol, byte[] raw) {
        try {
            return FrameSummary.decode(protocol, raw);
        } catch (RuntimeException e) {
            // the decoders must not throw; if one does, the frame still moves
            log.warn("frame decoder failed on {} bytes of {}", raw.length, protocol, e);
            return new Opaque("decoder failed: " + e);
        }
    }

    private void progress(Pipe p, int pending) {
        lock.lock();
        try {
            p.partialBytes = pending;
            bump();
        } finally {
            lock.unlock();
        }
    }

    private void arrived(Pipe p, byte[] raw, FrameSummary summary, int pending) {
        long now = options.nanoClock().getAsLong();
        lock.lock();
        try {
            Connection c = p.connection;
            if (c.closed) {
                return;
            }
            Frame f = new Frame(++lastSeq, c, p.direction, raw, now, summary);
            p.receivedFrames++;
            p.receivedBytes += raw.length;
            p.partialBytes = pending;
            p.queue.addLast(f);
            bump();
            for (FrameListener l : listeners) {
                try {
                    l.arrived(f);
                } catch (RuntimeException e) {
                    log.warn("frame listener failed on arrival of {}", f, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void senderClosed(Pipe p, int pending) {
        Connection c = p.connection;
        lock.lock();
        try {
            p.senderClosed = true;
            bump();
        } finally {
            lock.unlock();
        }
        if (pending > 0) {
            closeConnection(c, p.direction + ": end of stream inside a frame (" + pending + " bytes)");
            return;
        }
        log.debug("{}: end of stream", p.name());
        passOnEndOfStream(p);
    }

    /**
     * Once the sender has closed and every frame before its end of stream was delivered, shut the
     * receiver's output down; when both directions are done, close the connection.
     */
    private void passOnEndOfStream(Pipe p) {
        Connection c = p.connection;
        p.writeLock.lock();
        try {
            boolean shut;
            lock.lock();
            try {
                shut = p.senderClosed && p.queue.isEmpty() && !p.sinkShut && !c.closed;
                if (shut) {
                    p.sinkShut = true;
                }
            } finally {
                lock.unlock();
            }
            if (shut) {
                try {
                    p.sink.shutdownOutput();
                } catch (IOException e) {
                    log.debug("{}: shutdown output: {}", p.name(), e.toString());
                }
            }
        } finally {
            p.writeLock.unlock();
        }
        boolean done;
        lock.lock();
        try {
            done = c.toServer.sinkShut && c.toClient.sinkShut;
        } finally {
            lock.unlock();
        }
        if (done) {
            closeConnection(c, "closed by both sides");
        }
    }

    // ---- writing

    private void drain(Pipe p) {
        while (writeHead(p, null) == Write.DELIVERED) {
            // next head
        }
    }

    /**
     * Writes the head of {@code p}'s queue: {@code expected} (a scheduled delivery, in any mode), or
     * with null whatever the head is, only while the connection is in PASS mode.
     */
    private Write writeHead(Pipe p, Frame expected) {
        Connection c = p.connection;
        p.writeLock.lock();
        try {
            Frame f;
            lock.lock();
            try {
                if (c.closed) {
                    return Write.GONE;
                }
                f = p.queue.peekFirst();
                if (expected == null) {
                    if (f == null || c.mode != ProxyMode.PASS) {
                        return Write.NOTHING;
                    }
                } else if (f != expected) {
                    if (p.queue.contains(expected)) {
                        throw new IllegalStateException("frame #" + expected.seq() + " is not the head of its queue ("
                                + p.name() + "): #" + f.seq() + " goes first");
                    }
                    throw new IllegalStateException("frame #" + expected.seq() + " was delivered already");
                }
            } finally {
                lock.unlock();
            }
            try {
                p.out.write(f.wire());
            } catch (IOException e) {
                log.debug("{}: write of #{} failed: {}", p.name(), f.seq(), e.toString());
                closeConnection(c, p.direction + " write failed: " + e.getMessage());
                return Write.GONE;
            }
            lock.lock();
            try {
                if (p.queue.peekFirst() != f) {
                    return Write.GONE; // the connection was closed meanwhile; f counted as dropped
                }
                p.queue.pollFirst();
                p.deliveredFrames++;
                p.deliveredBytes += f.length();
                bump();
                for (FrameListener l : listeners) {
                    try {
                        l.delivered(f);
                    } catch (RuntimeException e) {
                        log.warn("frame listener failed on delivery of {}", f, e);
                    }
                }
            } finally {
                lock.unlock();
            }
        } finally {
            p.writeLock.unlock();
        }
        if (isSenderClosed(p)) {
            passOnEndOfStream(p);
        }
        return Write.DELIVERED;
    }

    private boolean isSenderClosed(Pipe p) {
        lock.lock();
        try {
            return p.senderClosed;
        } finally {
            lock.unlock();
        }
    }

    // ---- closing

    private void closeConnection(Connection c, String why) {
        lock.lock();
        try {
            if (c.closed) {
                return;
            }
            c.closed = true;
            dropQueued(c.toServer);
            dropQueued(c.toClient);
            open.remove(c);
            bump();
            for (FrameListener l : listeners) {
                try {
                    l.closed(c);
                } catch (RuntimeException e) {
                    log.warn("frame listener failed on close of {}", c, e);
                }
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(c.client, c.upstream);
        log.debug("{} closed: {}", c, why);
    }

    /** Caller holds the lock. */
    private void dropQueued(Pipe p) {
        Frame f;
        while ((f = p.queue.pollFirst()) != null) {
            p.droppedFrames++;
            p.droppedBytes += f.length();
            for (FrameListener l : listeners) {
                try {
                    l.dropped(f);
                } catch (RuntimeException e) {
                    log.warn("frame listener failed on drop of {}", f, e);
                }
            }
        }
        p.partialBytes = 0;
    }

    /** Caller holds the lock. */
    private void bump() {
        changes++;
        changed.signalAll();
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * Closes every route and connection (queued frames are recorded as dropped) and waits, at most
     * 5 s, for the proxy's threads to end.
     */
    @Override
    public void close() {
        List<Connection> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(open);
            bump();
        } finally {
            lock.unlock();
        }
        for (Route r : routes) {
            try {
                r.front().close();
            } catch (IOException e) {
                log.debug("route {}: close: {}", r.name(), e.toString());
            }
        }
        for (Connection c : all) {
            closeConnection(c, "proxy closed");
        }
        threads.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (Thread t : List.copyOf(live)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!live.isEmpty()) {
            log.warn("wire proxy threads still running 5 s after close: {}", live);
            threads.shutdownNow();
        }
    }

    /** Threads of this proxy still alive (0 once {@link #close()} returned cleanly). */
    int liveThreads() {
        return live.size();
    }
}
