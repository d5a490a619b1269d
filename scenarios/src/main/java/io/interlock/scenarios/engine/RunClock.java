package io.interlock.scenarios.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One run's view of the engine's clock: every timer the run schedules is cancelled when the run
 * ends ({@link #cancelAll}). On the embedded target the virtual clock outlives the run (one server,
 * one clock, many runs): a step timeout, a reaction delay or a quiet window left pending would fall
 * due in the next run, which would then move time to it, a decision no choice of its own made.
 */
final class RunClock implements EngineClock {
    private final EngineClock clock;
    private final List<Cancel> pending = new ArrayList<>(); // guarded by this

    RunClock(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public long nanos() {
        return clock.nanos();
    }

    @Override
    public Cancel schedule(long delayNanos, Runnable task) {
        Cancel c = clock.schedule(delayNanos, task);
        synchronized (this) {
            pending.add(c);
        }
        return () -> {
            synchronized (this) {
                pending.remove(c);
            }
            c.cancel();
        };
    }

    @Override
    public OptionalLong nextDue() {
        return clock.nextDue();
    }

    @Override
    public boolean runDue() {
        return clock.runDue();
    }

    @Override
    public boolean isVirtual() {
        return clock.isVirtual();
    }

    @Override
    public void advanceTo(long nanos) {
        clock.advanceTo(nanos);
    }

    /** Cancels every timer of this run not cancelled yet (a timer that ran is cancelled harmlessly). */
    void cancelAll() {
        List<Cancel> all;
        synchronized (this) {
            all = new ArrayList<>(pending);
            pending.clear();
        }
        all.forEach(Cancel::cancel);
    }
}
