package io.interlock.scenarios.engine;

import io.interlock.scenarios.proxy.Connection;
import io.interlock.scenarios.proxy.Direction;
import io.interlock.scenarios.proxy.Frame;
import io.interlock.scenarios.proxy.FrameListener;
import io.interlock.scenarios.proxy.PipeStats;
import io.interlock.scenarios.proxy.ProxyMode;
import io.interlock.scenarios.proxy.RpcCall;
import io.interlock.scenarios.proxy.RpcReply;
import io.interlock.scenarios.proxy.Smb2Message;
import io.interlock.scenarios.proxy.Smb2Summary;
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
 * ({@link #quiet}), or, while a request has neither a reply nor an interim answer, for the longer
 * {@link #patience()} (the server may still be working on it, or holding it: it cannot say which).
 * A heuristic, where {@link Lockstep} is exact. Frames are never held, so the run's choices fix the
 * program and the order in which steps start, not the order of frames.
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
                track(f);
                touched();
            }

            @Override
            public void delivered(Frame f) {
                touched();
            }

            @Override
            public void closed(Connection c) {
                // nothing will answer a request of a closed connection
                outstanding.removeIf(k -> k.startsWith(c.id() + "/"));
                touched();
            }
        });
    }

    /** Requests that reached the proxy with no reply (nor an interim STATUS_PENDING) yet: conn/id. */
    private final Set<String> outstanding = ConcurrentHashMap.newKeySet();

    private void track(Frame f) {
        String conn = f.connection().id() + "/";
        boolean toServer = f.direction() == Direction.TO_SERVER;
        if (f.summary() instanceof Smb2Summary s) {
            for (Smb2Message m : s.messages()) {
                if (toServer && !m.response()) {
                    outstanding.add(conn + m.messageId());
                } else if (m.response() && !m.unsolicited()) {
                    outstanding.remove(conn + m.messageId()); // an interim answer says "held" as well
                }
            }
        } else if (f.summary() instanceof RpcCall c && toServer) {
            outstanding.add(conn + "x" + c.xid());
        } else if (f.summary() instanceof RpcReply r && !toServer) {
            outstanding.remove(conn + "x" + r.xid());
        }
    }

    /**
     * How long a request may go without an answer before the engine counts it as held rather than
     * in progress; an output later than this after its input came because time passed. Ten quiet
     * periods, at least a second: real servers answer slower than the quiet period at times (a first
     * CREATE, a share added), and a reply counted too early lands in the next decision's window.
     */
    Duration patience() {
        Duration ten = quietPeriod.multipliedBy(10);
        return ten.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : ten;
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
        if (!outstanding.isEmpty()) {
            left = lastActivity + patience().toNanos() - nanos.getAsLong();
            if (left > 0) {
                why.append("requests without an answer: ").append(outstanding);
                return left;
            }
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
