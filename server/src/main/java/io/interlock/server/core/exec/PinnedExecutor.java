package io.interlock.server.core.exec;

import java.util.concurrent.Executor;

/**
 * An executor whose tasks must run through it, never on a submitter's thread: it orders them with
 * other work (a lockstep harness's {@link SharedSerialLane}). {@link SerialLane#runNowOrQueue}
 * queues instead of running a task in place when its pool is one of these.
 */
public interface PinnedExecutor extends Executor {
    /** {@code pool} as a pinned executor. */
    static PinnedExecutor of(Executor pool) {
        return pool instanceof PinnedExecutor p ? p : pool::execute;
    }
}
