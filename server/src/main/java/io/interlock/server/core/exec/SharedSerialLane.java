package io.interlock.server.core.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FIFO for the tasks of several pools: a task submitted through any {@link #on(Executor)} view
 * runs on that view's pool, but only after every task submitted before it, through any view, has
 * finished. So at most one task runs at a time, server-wide, in submission order.
 *
 * <p>Why: the lock manager completes every waiter a break acknowledgement releases on the
 * acknowledging thread, in its waiters' order; their continuations (a held SMB CREATE on its
 * connection's {@link SerialLane}, an NFS WRITE re-evaluated on the NFS pool) are then submitted in
 * that order, but on two pools they race into the VFS. A harness that must reproduce a run exactly
 * (the race engine's lockstep target, which controls every input) routes all handler work through
 * one of these, so the order of submission, which its schedule fixes, is the order of effects.
 * Production servers never use it: it gives up all parallelism between connections.
 *
 * <p>A task must not block waiting for another task of the lane (it would wait forever); handler
 * tasks never block (ARCHITECTURE.md §1.3). A task that throws is logged and the lane goes on.
 * Thread-safe.
 */
public final class SharedSerialLane {
    private static final Logger log = LoggerFactory.getLogger(SharedSerialLane.class);

    private record Item(Executor pool, Runnable task) {}

    private final Object lock = new Object();
    /** Guarded by lock. Tasks submitted and not yet started, in submission order. */
    private final Deque<Item> queue = new ArrayDeque<>();
    /** Guarded by lock. Whether a task has been handed to its pool and not yet finished. */
    private boolean running;

    /** The view of this lane that runs its tasks on {@code pool}. */
    public Executor on(Executor pool) {
        return task -> submit(new Item(pool, task));
    }

    private void submit(Item item) {
        synchronized (lock) {
            if (running) {
                queue.add(item);
                return;
            }
            running = true;
        }
        try {
            item.pool().execute(() -> runThenNext(item.task()));
        } catch (RejectedExecutionException e) {
            // the caller learns of the rejection as from the pool itself; queued work goes on
            next();
            throw e;
        }
    }

    private void runThenNext(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("task failed on the shared serial lane", e);
        } finally {
            next();
        }
    }

    /** Hands the oldest queued task to its pool, skipping (and dropping) those a shut-down pool refuses. */
    private void next() {
        while (true) {
            Item item;
            synchronized (lock) {
                item = queue.poll();
                if (item == null) {
                    running = false;
                    return;
                }
            }
            try {
                item.pool().execute(() -> runThenNext(item.task()));
                return;
            } catch (RejectedExecutionException e) {
                log.debug("pool shut down: a queued task dropped", e);
            }
        }
    }
}
