package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.ClientActivity;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that act for a program's clients, one lane per client role (its steps, its break
 * handling, the engine's own steps), and what they tell about their activity. The scheduler takes
 * a decision only when every lane is idle or blocked on the network ({@link #quiet}); it waits for
 * that on one change signal ({@link #version}, {@link #awaitChange}) that every lane, every byte
 * count and every engine event bumps.
 *
 * <p>As {@link ClientActivity}, it keeps per connection (the client's local address) the bytes the
 * client wrote and the bytes it consumed; a {@link #blocking} call marks the calling lane blocked on
 * a future (or on its own socket read) until {@link #unblocked}. A lane blocked on a future that is
 * already done is about to run again: not quiet.
 */
final class Lanes implements ClientActivity, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);
    private static final ThreadLocal<Lane> CURRENT = new ThreadLocal<>();

    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new LinkedHashMap<>(); // guarded by lock
    private final Map<Ends, long[]> traffic = new HashMap<>(); // guarded by lock: {wrote, consumed}
    private long version; // guarded by lock
    private final Map<Ends, String> owners = new HashMap<>(); // guarded by lock
    private volatile String connecting = ProgramRun.ENGINE;
    /** Waits until the wire proxy has taken a new connection (lockstep), or does nothing. */
    private volatile java.util.function.Consumer<Ends> accepted = a -> {};

    /**
     * A connection by both its ends, as the client sees them: the local port alone does not name
     * it (the kernel gives two connections to different destinations the same local port, and a
     * closed connection's port to a new one), and the byte counts of two connections must not mix.
     */
    record Ends(InetSocketAddress local, InetSocketAddress remote) {}

    private enum State {
        IDLE,
        RUNNING,
        BLOCKED
    }

    /** One thread that runs the tasks given to it, one at a time, in order. */
    final class Lane {
        private final String name;
        private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        private final Thread thread;
        private State state = State.IDLE; // guarded by lock
        private Future<?> awaited; // guarded by lock
        private int queued; // guarded by lock

        private Lane(String name) {
            this.name = name;
            this.thread = new Thread(this::loop, "lane-" + name);
            this.thread.setDaemon(true);
        }

        String name() {
            return name;
        }

        /** Queues a task; the lane counts as running from now until the task ends. */
        void submit(Runnable task) {
            synchronized (lock) {
                queued++;
                state = State.RUNNING;
                changed();
            }
            tasks.add(task);
        }

        /** Whether the lane has nothing queued or running (it may take a task). */
        boolean free() {
            synchronized (lock) {
                return queued == 0;
            }
        }

        private void loop() {
            CURRENT.set(this);
            try {
                while (true) {
                    Runnable r = tasks.take();
                    try {
                        r.run();
                    } catch (RuntimeException | Error e) {
                        log.warn("lane {} task failed", name, e);
                    } finally {
                        synchronized (lock) {
                            queued--;
                            state = queued == 0 ? State.IDLE : State.RUNNING;
                            awaited = null;
                            changed();
                        }
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }
    }

    /** The lane named {@code name}, started on first use. */
    Lane lane(String name) {
        synchronized (lock) {
            Lane l = lanes.get(name);
            if (l == null) {
                l = new Lane(name);
                lanes.put(name, l);
                l.thread.start();
            }
            return l;
        }
    }

    /** Whether every lane is idle or blocked on something that has not happened yet. */
    boolean quiet() {
        synchronized (lock) {
            for (Lane l : lanes.values()) {
                if (l.state == State.RUNNING || (l.state == State.BLOCKED && l.awaited != null && l.awaited.isDone())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Where the running lanes are, for a diagnostic: their threads' top frames. */
    String runningStacks() {
        StringBuilder b = new StringBuilder();
        synchronized (lock) {
            for (Lane l : lanes.values()) {
                if (l.state == State.RUNNING) {
                    b.append(" ").append(l.name).append(" at");
                    StackTraceElement[] st = l.thread.getStackTrace();
                    for (int i = 0; i < Math.min(st.length, 12); i++) {
                        b.append("\n      ").append(st[i]);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Lanes that are running or blocked, for a diagnostic. */
    List<String> busy() {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            lanes.values().stream().filter(l -> l.state != State.IDLE).forEach(l -> out.add(l.name + ":" + l.state));
            return out;
        }
    }

    /** Bytes the client wrote and consumed on the connection {@code ends}. */
    long[] traffic(Ends ends) {
        synchronized (lock) {
            long[] t = traffic.get(ends);
            return t == null ? new long[2] : t.clone();
        }
    }

    /** Every connection a client wrote to. */
    java.util.Set<Ends> written() {
        synchronized (lock) {
            java.util.Set<Ends> out = new java.util.HashSet<>();
            traffic.forEach((a, t) -> {
                if (t[0] > 0) {
                    out.add(a);
                }
            });
            return out;
        }
    }

    long version() {
        synchronized (lock) {
            return version;
        }
    }

    /** Signals an engine event (a break arrived, a step completed, a timer ran). */
    void bump() {
        synchronized (lock) {
            changed();
        }
    }

    private void changed() {
        version++;
        lock.notifyAll();
    }

    /** Waits until the version differs from {@code seen}, at most {@code maxNanos}; returns the version. */
    long awaitChange(long seen, long maxNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
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

    /** Names the client whose connections the engine opens now (while it connects the program's clients). */
    void connecting(String client) {
        this.connecting = client;
    }

    @Override
    public void connected(InetSocketAddress local) {
        connected(local, null);
    }

    @Override
    public void connected(InetSocketAddress local, InetSocketAddress remote) {
        Lane l = CURRENT.get();
        String owner =
                l == null ? connecting : l.name.contains(":") ? l.name.substring(0, l.name.indexOf(':')) : l.name;
        Ends ends = new Ends(local, remote);
        synchronized (lock) {
            owners.put(ends, owner);
            traffic.remove(ends); // a new connection on the ends of a closed one starts from nothing
            changed();
        }
        accepted.accept(ends);
    }

    /**
     * Makes every {@link #connected} wait, on the connecting thread, until {@code await} returns:
     * the proxy numbers connections in the order it accepts them (one accept thread per route), so
     * a client that went on before its connection was taken could let a later connection, on
     * another route, take its number, and the order of the proxy's deliverable frames with it.
     */
    void awaitAccepted(java.util.function.Consumer<Ends> await) {
        this.accepted = await;
    }

    /** The client that opened the connection {@code ends}, or null if none did. */
    String ownerOf(Ends ends) {
        synchronized (lock) {
            return owners.get(ends);
        }
    }

    /** Every connection an engine client opened. */
    java.util.Set<Ends> opened() {
        synchronized (lock) {
            return new java.util.HashSet<>(owners.keySet());
        }
    }

    @Override
    public void wrote(InetSocketAddress local, int n) {
        wrote(local, null, n);
    }

    @Override
    public void consumed(InetSocketAddress local, int n) {
        consumed(local, null, n);
    }

    @Override
    public void wrote(InetSocketAddress local, InetSocketAddress remote, int n) {
        synchronized (lock) {
            traffic.computeIfAbsent(new Ends(local, remote), k -> new long[2])[0] += n;
            changed();
        }
    }

    @Override
    public void consumed(InetSocketAddress local, InetSocketAddress remote, int n) {
        synchronized (lock) {
            traffic.computeIfAbsent(new Ends(local, remote), k -> new long[2])[1] += n;
            changed();
        }
    }

    @Override
    public void blocking(Future<?> awaited) {
        Lane l = CURRENT.get();
        if (l == null) {
            return;
        }
        synchronized (lock) {
            l.state = State.BLOCKED;
            l.awaited = awaited;
            changed();
        }
    }

    @Override
    public void unblocked() {
        Lane l = CURRENT.get();
        if (l == null) {
            return;
        }
        synchronized (lock) {
            l.state = State.RUNNING;
            l.awaited = null;
            changed();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            lanes.values().forEach(l -> l.thread.interrupt());
        }
    }
}
