package io.interlock.scenarios.engine;

import io.interlock.server.core.time.VirtualServerClock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The embedded server's virtual clock, shared: the engine's timers join the server's in one queue,
 * so "advance to the next timer" means the next of either, and both fire in due order.
 *
 * <p>An engine timer that falls due does not run inside the clock's advance: it joins a queue of
 * fired timers, and {@link #runDue} / {@link #advanceTo} run at most one of them per call, so the
 * scheduler settles between any two. Each of them wakes a lane (a pause ends, a step times out, a
 * JUKEBOX back-off is over); woken together, two lanes would race to record, send and finish, an
 * interleaving no choice decides. Server timers still run inside the advance, in due order, before
 * the engine's timers of the same instant.
 */
final class VirtualEngineClock implements EngineClock {
    private final VirtualServerClock clock;
    private final java.util.ArrayDeque<Runnable> fired = new java.util.ArrayDeque<>(); // guarded by this

    VirtualEngineClock(VirtualServerClock clock) {
        this.clock = clock;
    }

    @Override
    public long nanos() {
        return clock.nanoTime();
    }

    @Override
    public Cancel schedule(long delayNanos, Runnable task) {
        boolean[] cancelled = {false};
        var t = clock.schedule(Duration.ofNanos(Math.max(0, delayNanos)), () -> {
            synchronized (this) {
                if (!cancelled[0]) {
                    fired.add(task);
                }
            }
        });
        return () -> {
            synchronized (this) {
                cancelled[0] = true;
                fired.remove(task);
            }
            t.cancel();
        };
    }

    @Override
    public OptionalLong nextDue() {
        return clock.nextDue();
    }

    @Override
    public boolean runDue() {
        OptionalLong next = clock.nextDue();
        if (next.isPresent() && next.getAsLong() <= clock.nanoTime()) {
            clock.advance(Duration.ZERO);
            runOneFired();
            return true;
        }
        return runOneFired();
    }

    /** Runs the first fired engine timer, if any; whether one ran. */
    private boolean runOneFired() {
        Runnable task;
        synchronized (this) {
            task = fired.poll();
        }
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public void advanceTo(long nanos) {
        long d = nanos - clock.nanoTime();
        clock.advance(Duration.ofNanos(Math.max(0, d)));
        runOneFired();
    }
}
