package io.interlock.server.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to. {@link #advance} runs every timer that falls due, in due
 * order, on the calling thread. Thread-safe.
 */
public final class VirtualServerClock implements ServerClock {
    private final Instant epoch;
    private long nanos;
    private long seq;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long order;
        final Runnable action;
        boolean done;

        Task(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public boolean cancel() {
            synchronized (VirtualServerClock.this) {
                if (done) {
                    return false;
                }
                done = true;
                queue.remove(this);
                return true;
            }
        }
    }

    public VirtualServerClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public VirtualServerClock(Instant start) {
        this.epoch = start;
    }

    @Override
    public synchronized Instant instant() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(nanos + Math.max(0, delay.toNanos()), seq++, task);
        queue.add(t);
        return t;
    }

    /** When the next timer falls due (this clock's nanoTime), or empty when none is pending. */
    public synchronized java.util.OptionalLong nextDue() {
        Task t = queue.peek();
        return t == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(t.due);
    }

    /** Number of timers not yet run or cancelled. */
    public synchronized int pendingTimers() {
        return queue.size();
    }

    /** Moves time forward by {@code d}, running due timers (outside the clock's monitor). */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = nanos + d.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    nanos = target;
                    return;
                }
                queue.poll();
                next.done = true;
                nanos = Math.max(nanos, next.due);
            }
            next.action.run();
        }
    }
}
