package io.interlock.server.core.exec;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one lane per connection
 * (ARCHITECTURE.md §1.3), so a connection's requests run serially while different connections run
 * in parallel. A task must not block; work that waits returns a future instead. A task that throws,
 * even an {@link Error}, is logged and the lane goes on with the next. When the pool
 * rejects work (shutdown), {@link #execute} throws {@link RejectedExecutionException}.
 */
public final class SerialLane implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialLane.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialLane(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /**
     * Runs {@code task} on the calling thread when the lane is idle (nothing running, nothing
     * queued), else queues it as {@link #execute} does; either way it runs after every task
     * submitted before it and before any submitted after it. For a task that never waits and is
     * short, submitted from a thread that may run it: it saves the hand-off to a pool thread and
     * back, two thread wake-ups that made most of a small request's latency (issue 11's profile).
     */
    public void runNowOrQueue(Runnable task) {
        if (pool instanceof PinnedExecutor) {
            execute(task); // the pool orders its tasks with other work: never in place
            return;
        }
        if (!scheduled.compareAndSet(false, true)) {
            execute(task); // running or draining: the drain will reach it in order
            return;
        }
        if (!tasks.isEmpty()) {
            // a drain just let go with tasks still queued: they go first
            tasks.add(task);
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                tasks.clear();
                throw e;
            }
            return;
        }
        try {
            run(task);
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                tasks.clear();
                throw e;
            }
        }
    }

    private void drain() {
        try {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                run(r);
            }
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            // an Error (OutOfMemoryError from one oversized request) must not stall the
            // connection: the task that threw answered or lost its request, the rest still run
            log.error("task failed on serial lane", e);
        }
    }
}
