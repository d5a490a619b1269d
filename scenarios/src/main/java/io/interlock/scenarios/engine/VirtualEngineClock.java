package io.interlock.scenarios.engine;

import io.interlock.server.core.time.VirtualServerClock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The embedded server's virtual clock, shared: the engine's timers join the server's in one queue,
 * so "advance to the next timer" means the next of either, and both fire in due order.
 */
final class VirtualEngineClock implements EngineClock {
    private final VirtualServerClock clock;

    VirtualEngineClock(VirtualServerClock clock) {
        this.clock = clock;
    }

    @Override
    public long nanos() {
        return clock.nanoTime();
    }

    @Override
    public Cancel schedule(long delayNanos, Runnable task) {
        var t = clock.schedule(Duration.ofNanos(Math.max(0, delayNanos)), task);
        return t::cancel;
    }

    @Override
    public OptionalLong nextDue() {
        return clock.nextDue();
    }

    @Override
    public boolean runDue() {
        OptionalLong next = clock.nextDue();
        if (next.isEmpty() || next.getAsLong() > clock.nanoTime()) {
            return false;
        }
        clock.advance(Duration.ZERO);
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
    }
}
