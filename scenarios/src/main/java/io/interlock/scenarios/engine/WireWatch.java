package io.interlock.scenarios.engine;

import io.interlock.scenarios.proxy.Connection;
import io.interlock.scenarios.proxy.Direction;
import io.interlock.scenarios.proxy.Frame;
import io.interlock.scenarios.proxy.FrameListener;
import io.interlock.scenarios.proxy.PipeStats;
import io.interlock.scenarios.proxy.ProxyMode;
import io.interlock.scenarios.proxy.WireProxy;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The engine's view of the wire on a target whose server it cannot watch (Samba, nfs-ganesha, a NAS,
 * {@code interlock serve}): every client connection goes through a {@link WireProxy} that lets
 * every frame pass at once, so that each one becomes an input or an output of the reference model.
 * The server's own work is invisible, so the system counts as settled when every lane is quiet, no
 * frame is half way through the proxy, and no byte has passed it for a quiet period
 * ({@link #quiet}): a heuristic, where {@link Lockstep} is exact. Frames are never held, so the
 * run's choices fix the program and the order in which steps start, not the order of frames.
 */
final class WireWatch implements AutoCloseable {
    private final WireProxy proxy;
    private final Lanes lanes;
    private final Duration quietPeriod;
    private final LongSupplier nanos;
    private final Set<InetSocketAddress> fronts = ConcurrentHashMap.newKeySet();
    private final Set<Lanes.Ends> seenEnds = ConcurrentHashMap.newKeySet();
    private static final long POLL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    private static Lanes.Ends ends(Connection c) {
        return new Lanes.Ends(c.clientAddress(), c.frontAddress());
    }

    /** When a byte last moved through the proxy (or a connection opened or closed). */
    private volatile long lastActivity;

    /**
     * @param quietPeriod how long no byte may pass before the system counts as settled
     * @param nanos the wall clock the quiet period is measured on
     */
    WireWatch(Lanes lanes, Duration quietPeriod, LongSupplier nanos) {
        this.lanes = lanes;
        this.quietPeriod = quietPeriod;
        this.nanos = nanos;
        this.proxy = new WireProxy(WireProxy.Options.defaults().withDefaultMode(ProxyMode.PASS));
        this.lastActivity = nanos.getAsLong();
        proxy.addListener(new FrameListener() {
            @Override
            public void opened(Connection c) {
                seenEnds.add(ends(c));
                touched();
            }

            @Override
            public void arrived(Frame f) {
                touched();
            }

            @Override
            public void delivered(Frame f) {
                touched();
            }

            @Override
            public void closed(Connection c) {
                touched();
            }
        });
    }

    private void touched() {
        lastActivity = nanos.getAsLong();
        lanes.bump();
    }

    WireProxy proxy() {
        return proxy;
    }

    Duration quietPeriod() {
        return quietPeriod;
    }

    /** The target as the clients must see it: every endpoint replaced by a proxy route to it. */
    TargetSetup route(TargetSetup setup) throws IOException {
        return ProxyRoutes.route(proxy, fronts, setup);
    }

    /** The client that opened a connection ("engine" for the engine's own). */
    String owner(Connection c) {
        String o = lanes.ownerOf(ends(c));
        return o == null ? ProgramRun.ENGINE : o;
    }

    /**
     * How long, in nanoseconds, until the system may count as quiet: 0 when it is (every lane idle or
     * blocked on the network, no frame arriving, nothing through the proxy for the quiet period);
     * otherwise a bound on the wait before looking again. Why not, in {@code why} (cleared first).
     */
    long quiet(StringBuilder why) {
        why.setLength(0);
        if (!lanes.quiet()) {
            why.append("lanes busy: ").append(lanes.busy());
            return quietPeriod.toNanos();
        }
        for (Connection c : proxy.connections()) {
            if (!c.isOpen()) {
                continue;
            }
            PipeStats up = c.stats(Direction.TO_SERVER);
            PipeStats down = c.stats(Direction.TO_CLIENT);
            if (up.partialBytes() != 0 || down.partialBytes() != 0) {
                why.append("frame arriving on ").append(c);
                return quietPeriod.toNanos();
            }
            // a lane blocked on its reply counts as quiet: its request must have reached the proxy
            // (and what the proxy passed to a client must have been read) before that means anything
            long[] client = lanes.traffic(ends(c));
            boolean ours = client[0] != 0 || client[1] != 0;
            if (ours && (client[0] != up.receivedBytes() + up.partialBytes() || client[1] != down.deliveredBytes())) {
                why.append("client of ")
                        .append(c)
                        .append(" wrote ")
                        .append(client[0])
                        .append(" consumed ")
                        .append(client[1])
                        .append(", proxy received ")
                        .append(up.receivedBytes())
                        .append(" delivered ")
                        .append(down.deliveredBytes());
                return POLL_NANOS;
            }
            seenEnds.add(ends(c));
        }
        Set<Lanes.Ends> unknown = lanes.opened();
        unknown.addAll(lanes.written());
        unknown.removeAll(seenEnds);
        unknown.removeIf(e -> e.remote() == null || !fronts.contains(e.remote())); // not through the proxy
        if (!unknown.isEmpty()) {
            why.append("connections not yet seen by the proxy: ").append(unknown);
            return POLL_NANOS;
        }
        long left = lastActivity + quietPeriod.toNanos() - nanos.getAsLong();
        if (left > 0) {
            why.append("bytes through the proxy within the last ").append(quietPeriod);
            return left;
        }
        return 0;
    }

    /** Nanoseconds since a byte last passed the proxy. */
    long sinceActivity() {
        return nanos.getAsLong() - lastActivity;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
