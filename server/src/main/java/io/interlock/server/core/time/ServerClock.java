package io.interlock.server.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The one source of time and timers for the server. Production uses {@link SystemServerClock};
 * tests and the simulator use {@link VirtualServerClock}, which runs 35 s of protocol time in
 * microseconds. Nothing in the server calls {@code System.currentTimeMillis}, {@code
 * Thread.sleep} or its own scheduler.
 */
public interface ServerClock {
    /** Wall-clock time (file times, logs). */
    Instant instant();

    /** Monotonic time in nanoseconds, for durations. */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delay} from now, on a timer thread (or, for a virtual clock,
     * inside {@code advance}). The task must not block.
     */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    interface Timer {
        /** Cancels the task; returns false if it already ran or was cancelled. */
        boolean cancel();
    }

    /** A {@link java.time.Clock} view of {@link #instant()}, for the storage layer. */
    default Clock asJavaClock() {
        ServerClock self = this;
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
