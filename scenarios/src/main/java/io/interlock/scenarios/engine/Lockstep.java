package io.interlock.scenarios.engine;

import io.interlock.scenarios.proxy.Connection;
import io.interlock.scenarios.proxy.Direction;
import io.interlock.scenarios.proxy.Frame;
import io.interlock.scenarios.proxy.FrameListener;
import io.interlock.scenarios.proxy.PipeStats;
import io.interlock.scenarios.proxy.ProxyMode;
import io.interlock.scenarios.proxy.WireProxy;
import io.interlock.scenarios.targets.TargetSetup;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.probe.ActivityProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The engine's control of the wire on a target whose server it can watch (an embedded server with
 * an activity probe, on a virtual clock): every client connection goes through a {@link WireProxy};
 * once the clients are connected, every frame, both ways, waits in the proxy until the scheduler
 * delivers it. Between two decisions the whole system settles: every byte a client wrote has
 * reached the proxy, every byte delivered to a client has been handled, the server has read all it
 * was given, finished all its work, and its output has reached the proxy ({@link #quiet}). So the
 * set of possible next actions is the same on every run, and a run's choices fix it exactly.
 */
final class Lockstep implements AutoCloseable {
    /** How long a settle may take in real time before the run gives up (a harness defect). */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(20);

    private final WireProxy proxy;
    private final ActivityProbe probe;
    private final VirtualServerClock clock;
    private final Lanes lanes;
    /** The client end of every connection the proxy ever accepted. */
    private final java.util.Set<Lanes.Ends> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Where the proxy listens for clients: only connections to these pass it. */
    private final java.util.Set<InetSocketAddress> fronts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Lockstep(ActivityProbe probe, VirtualServerClock clock, Lanes lanes) {
        this.probe = probe;
        this.clock = clock;
        this.lanes = lanes;
        this.proxy = new WireProxy(WireProxy.Options.defaults().withDefaultMode(ProxyMode.PASS));
        FrameListener wake = new FrameListener() {
            @Override
            public void opened(Connection c) {
                seen.add(ends(c));
                lanes.bump();
            }

            @Override
            public void arrived(Frame f) {
                lanes.bump();
            }

            @Override
            public void delivered(Frame f) {
                lanes.bump();
            }

            @Override
            public void dropped(Frame f) {
                lanes.bump();
            }

            @Override
            public void closed(Connection c) {
                lanes.bump();
            }
        };
        proxy.addListener(wake);
        probe.onChange(lanes::bump);
        lanes.awaitAccepted(this::awaitSeen);
    }

    private static Lanes.Ends ends(Connection c) {
        return new Lanes.Ends(c.clientAddress(), c.frontAddress());
    }

    /** Waits until the proxy has taken the connection {@code client} (if it goes through the proxy). */
    private void awaitSeen(Lanes.Ends client) {
        if (client.remote() == null || !fronts.contains(client.remote())) {
            return;
        }
        long limit = System.nanoTime() + SETTLE_LIMIT.toNanos();
        try {
            long v = lanes.version();
            while (!seen.contains(client)) {
                if (System.nanoTime() - limit > 0) {
                    throw new ScenarioError(
                            "the wire proxy did not take the connection from " + client + " within " + SETTLE_LIMIT);
                }
                v = lanes.awaitChange(v, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    WireProxy proxy() {
        return proxy;
    }

    VirtualServerClock clock() {
        return clock;
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

    /** From now on every frame, of every connection now open or opened later, waits for delivery. */
    void hold() {
        proxy.defaultMode(ProxyMode.HOLD);
        for (Connection c : proxy.connections()) {
            c.mode(ProxyMode.HOLD);
        }
    }

    /** Lets every frame through again (what was held is delivered first). */
    void release() {
        proxy.defaultMode(ProxyMode.PASS);
        for (Connection c : proxy.connections()) {
            c.mode(ProxyMode.PASS);
        }
    }

    /** The frames that can be delivered now, in the proxy's deterministic order. */
    List<Frame> deliverable() {
        return proxy.deliverable();
    }

    /**
     * Whether the whole system is quiet: the lanes (client threads), the wire and the server. Why
     * not, for a diagnostic, in {@code why} (cleared first). With {@code drain}, the server's event
     * loops are drained as well (needed after anything reached the server: a frame delivered to it,
     * time passing, an administration call; otherwise nothing can be queued there since the last
     * drain).
     */
    boolean quiet(StringBuilder why, boolean drain) throws InterruptedException {
        why.setLength(0);
        if (!lanes.quiet()) {
            why.append("lanes busy: ").append(lanes.busy());
            return false;
        }
        ActivityProbe.Snapshot server = probe.snapshot();
        if (server.busy() != 0) {
            why.append("server busy: ").append(server.busy());
            return false;
        }
        java.util.Set<Lanes.Ends> unknown = lanes.opened();
        unknown.addAll(lanes.written());
        unknown.removeAll(seen);
        unknown.removeIf(e -> e.remote() != null && !fronts.contains(e.remote())); // not through the proxy
        for (Connection c : proxy.connections()) {
            if (!c.isOpen()) {
                continue;
            }
            PipeStats up = c.stats(Direction.TO_SERVER);
            PipeStats down = c.stats(Direction.TO_CLIENT);
            if (up.partialBytes() != 0 || down.partialBytes() != 0) {
                why.append("frame arriving on ").append(c);
                return false;
            }
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
                return false;
            }
            ActivityProbe.Traffic t = server.of(c.upstreamLocalAddress(), c.upstreamAddress());
            if (t.read() != up.deliveredBytes() || t.written() != down.receivedBytes()) {
                why.append("server side of ")
                        .append(c)
                        .append(" read ")
                        .append(t.read())
                        .append(" wrote ")
                        .append(t.written())
                        .append(", proxy delivered ")
                        .append(up.deliveredBytes())
                        .append(" received ")
                        .append(down.receivedBytes());
                return false;
            }
        }
        if (!unknown.isEmpty()) {
            // a client connected and wrote before the proxy registered its connection
            why.append("connections not yet seen by the proxy: ").append(unknown);
            return false;
        }
        if (!drain) {
            return true;
        }
        long v = probe.version();
        if (!probe.drainEventLoops(Duration.ofSeconds(5))) {
            why.append("server event loops did not drain");
            return false;
        }
        if (probe.version() != v) {
            why.append("server changed while draining its event loops");
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
