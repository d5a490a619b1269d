package io.interlock.server.probe;

import io.interlock.server.core.exec.PinnedExecutor;
import io.interlock.server.core.exec.SharedSerialLane;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Tells an embedded harness when the server has nothing left to do (the race engine's lockstep
 * scheduler waits for that before every decision). Off unless a harness passes one to {@code
 * InterlockServer.start}; production servers carry none.
 *
 * <p>The server is quiet when, at one moment:
 *
 * <ol>
 *   <li>no work is in progress: no inbound read is being handled on an event loop, no task is
 *       queued or running on a handler pool or a lane, no outbound callback runs ({@link #busy()} /
 *       {@link #idle()} around each, through {@link #handler()} and {@link #track(Executor)});
 *   <li>every event loop of the server has run the tasks queued on it before the check ({@link
 *       #drainEventLoops}): writes enqueued from a lane thread reach the socket on the event loop;
 *   <li>the bytes the server read and wrote per peer ({@link #snapshot()}) match what the harness
 *       delivered to it and received from it.
 * </ol>
 *
 * The first two are checked here, the third by the harness, which knows what it sent. Every change
 * bumps a version and wakes {@link #awaitChange}. Thread-safe.
 *
 * <p>A {@link #serializing()} probe also makes the server's handler work deterministic: every task
 * of every handler pool ({@link #trackHandlers}) runs through one {@link SharedSerialLane}, so the
 * continuations one lock-manager wake-up releases (a held SMB CREATE, a waiting NFS WRITE) reach the
 * file system in the order they were released, not in the order two pools' threads happen to run.
 */
public final class ActivityProbe {
    private final Object lock = new Object();
    /** Null: handler pools run in parallel as in production. */
    private final SharedSerialLane serial;

    private final List<EventLoopGroup> loops = new CopyOnWriteArrayList<>();
    /**
     * Per connection (peer address and the server's own address), the connection now open between
     * them and its {read, written}. Guarded by lock. The server's address is part of the key because
     * Linux gives one ephemeral port to several connections at once when they go to different
     * destinations: the harness's connections to the SMB and the NFS listener may come from the
     * same peer address, and must not share (or reset) each other's counts. The kernel also reuses
     * a closed connection's port at once when the other side keeps the TIME_WAIT: a new connection
     * between the same addresses must not inherit the old one's counts, nor lose its own when the
     * old one's close is handled late (on another event loop).
     */
    private final Map<Peer, PeerCounts> peers = new HashMap<>();

    /**
     * One connection's two ends as the server sees them.
     *
     * @param remote the peer's address
     * @param local the server's address (the listener's)
     */
    public record Peer(SocketAddress remote, SocketAddress local) {
        static Peer of(io.netty.channel.Channel ch) {
            return new Peer(ch.remoteAddress(), ch.localAddress());
        }
    }

    private record PeerCounts(io.netty.channel.Channel channel, long[] counts) {}

    private int busy; // guarded by lock
    private long version; // guarded by lock
    private final ChannelHandler handler = new Handler();

    /** A probe that only watches: the server's pools run as they would without it. */
    public ActivityProbe() {
        this(null);
    }

    private ActivityProbe(SharedSerialLane serial) {
        this.serial = serial;
    }

    /**
     * A probe that watches and also runs all handler work one task at a time, in submission order
     * ({@link #trackHandlers}): what a harness that replays runs exactly (the race engine's lockstep
     * target) turns on.
     */
    public static ActivityProbe serializing() {
        return new ActivityProbe(new SharedSerialLane());
    }

    /** Work started (a read being handled, a task queued, a callback running). */
    public void busy() {
        synchronized (lock) {
            busy++;
            changed();
        }
    }

    /** Work started by {@link #busy()} ended. */
    public void idle() {
        synchronized (lock) {
            busy--;
            changed();
        }
    }

    private void opened(io.netty.channel.Channel ch) {
        synchronized (lock) {
            peers.put(Peer.of(ch), new PeerCounts(ch, new long[2]));
            changed();
        }
    }

    private void count(io.netty.channel.Channel ch, int slot, int n) {
        Peer peer = Peer.of(ch);
        synchronized (lock) {
            PeerCounts c = peers.get(peer);
            if (c == null || (c.channel() != ch && !c.channel().isActive())) {
                c = new PeerCounts(ch, new long[2]);
                peers.put(peer, c);
            }
            if (c.channel() == ch) { // a closed connection's late count is not the new one's
                c.counts()[slot] += n;
            }
            changed();
        }
    }

    private void closed(io.netty.channel.Channel ch) {
        synchronized (lock) {
            Peer peer = Peer.of(ch);
            PeerCounts c = peers.get(peer);
            if (c != null && c.channel() == ch) {
                peers.remove(peer);
            }
            changed();
        }
    }

    private void changed() {
        version++;
        lock.notifyAll();
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    private volatile Runnable listener;

    /** Runs {@code l} on every change (under the probe's lock: it must be quick and must not block). */
    public void onChange(Runnable l) {
        this.listener = l;
    }

    /** The version now: pass it to {@link #awaitChange}. */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    /** Waits until the version differs from {@code seen} or {@code max} passed; returns the version. */
    public long awaitChange(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (version == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return version;
        }
    }

    /** A consistent view of the work counter and the per-peer byte counts. */
    public Snapshot snapshot() {
        synchronized (lock) {
            Map<Peer, Traffic> t = new HashMap<>();
            peers.forEach((p, c) -> t.put(p, new Traffic(c.counts()[0], c.counts()[1])));
            return new Snapshot(version, busy, Map.copyOf(t));
        }
    }

    /**
     * What the server read and wrote on one connection, keyed by the peer's address.
     *
     * @param read bytes read from the peer (counted as the read is handed to the pipeline)
     * @param written bytes handed to the transport for the peer
     */
    public record Traffic(long read, long written) {}

    /**
     * @param version the probe's version at the moment of the snapshot
     * @param busy work in progress
     * @param peers traffic per open connection, by its two ends
     */
    public record Snapshot(long version, int busy, Map<Peer, Traffic> peers) {
        /** The traffic of the connection from {@code peer} to the server's {@code server} address. */
        public Traffic of(InetSocketAddress peer, InetSocketAddress server) {
            Traffic t = peers.get(new Peer(peer, server));
            return t == null ? new Traffic(0, 0) : t;
        }
    }

    /** An executor that counts every task it runs as work in progress, from submission to end. */
    public Executor track(Executor pool) {
        return task -> {
            busy();
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        idle();
                    }
                });
            } catch (RuntimeException e) {
                idle();
                throw e;
            }
        };
    }

    /**
     * The executor a protocol service runs its handlers on: {@link #track tracked}, and for a
     * {@link #serializing()} probe one FIFO with every other pool passed here (each task still runs
     * on {@code pool}). Not for work that blocks (outbound calls waiting for a reply): {@link
     * #track} those.
     */
    public Executor trackHandlers(Executor pool) {
        // serialized handler work must not run in place on an event loop (SerialLane's quick path):
        // that would take it out of the one FIFO
        return serial == null ? track(pool) : PinnedExecutor.of(track(serial.on(pool)));
    }

    /** Registers event loops whose queues {@link #drainEventLoops} must empty. */
    public void register(EventLoopGroup group) {
        loops.add(group);
    }

    /**
     * Runs a no-op on every registered event loop and waits for each: everything queued on them
     * before this call (writes from lane threads, scheduled reads) has then run. False when a loop
     * did not get there within {@code max} (or was shut down).
     */
    public boolean drainEventLoops(Duration max) throws InterruptedException {
        List<Future<?>> marks = new ArrayList<>();
        for (EventLoopGroup g : loops) {
            if (g.isShuttingDown()) {
                continue;
            }
            for (EventExecutor e : g) {
                try {
                    marks.add(e.submit(() -> {}));
                } catch (RuntimeException rejected) {
                    // shutting down: nothing more will run there
                }
            }
        }
        long deadline = System.nanoTime() + max.toNanos();
        for (Future<?> f : marks) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.await(left, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** The handler to put first in every pipeline: counts bytes and marks inbound handling as work. */
    public ChannelHandler handler() {
        return handler;
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        return 0;
    }

    @ChannelHandler.Sharable
    private final class Handler extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            busy();
            try {
                count(ctx.channel(), 0, size(msg));
                ctx.fireChannelRead(msg);
            } finally {
                idle();
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            count(ctx.channel(), 1, size(msg));
            ctx.write(msg, promise);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            opened(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed(ctx.channel());
            ctx.fireChannelInactive();
        }
    }
}
