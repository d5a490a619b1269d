package io.interlock.scenarios.engine;

import java.util.OptionalLong;
import java.util.PriorityQueue;

/** Real time ({@link System#nanoTime()}); timers run on the scheduler's thread when due. */
final class RealEngineClock implements EngineClock {
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(); // guarded by this
    private long seq; // guarded by this

    private final class Timer implements Comparable<Timer>, Cancel {
        final long due;
        final long order;
        final Runnable task;

        Timer(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (RealEngineClock.this) {
                timers.remove(this);
            }
        }
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public synchronized Cancel schedule(long delayNanos, Runnable task) {
        Timer t = new Timer(nanos() + Math.max(0, delayNanos), seq++, task);
        timers.add(t);
        return t;
    }

    @Override
    public synchronized OptionalLong nextDue() {
        Timer t = timers.peek();
        return t == null ? OptionalLong.empty() : OptionalLong.of(t.due);
    }

    @Override
    public boolean runDue() {
        boolean ran = false;
        while (true) {
            Timer t;
            synchronized (this) {
                t = timers.peek();
                if (t == null || t.due - nanos() > 0) {
                    return ran;
                }
                timers.poll();
            }
            t.task.run();
            ran = true;
        }
    }

    @Override
    public boolean isVirtual() {
        return false;
    }

    @Override
    public void advanceTo(long nanos) {
        throw new UnsupportedOperationException("real time cannot be advanced");
    }
}
