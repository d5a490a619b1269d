package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an NFS operation breaks conflicting SMB caching state before it acts
 * (ARCHITECTURE.md §1.1, spec R-XP-1..7): ask the lock manager to break, then act per the share's
 * {@link BreakPolicy}: NOTIFY acts at once, WAIT acts once the break is done (ack or break timer;
 * the lane is not held: the action runs later on the worker pool), JUKEBOX answers
 * NFS3ERR_JUKEBOX while the break is pending. Callers do every check that can fail (NOENT, ISDIR,
 * ...) before calling, so a failed operation breaks nothing (R-XP-12).
 *
 * <p>Fault points checked here: {@link Fault#SKIP_NFS_BREAK}, {@link
 * Fault#BREAK_AFTER_DATA_CHANGE}, {@link Fault#NO_WAIT_FOR_BREAK}.
 */
public final class Nfs3BreakGate {
    private static final Logger log = LoggerFactory.getLogger(Nfs3BreakGate.class);

    /** The work that follows the break. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    private final LockManager locks;
    private final FaultPoints faults;
    private final Executor pool;

    public Nfs3BreakGate(LockManager locks, FaultPoints faults, Executor pool) {
        this.locks = locks;
        this.faults = faults;
        this.pool = pool;
    }

    /** Breaks what conflicts with {@code trigger} on {@code files}, then runs {@code action}. */
    public <T> CompletableFuture<T> breakThen(
            BreakPolicy policy, List<FileId> files, BreakTrigger trigger, Action<T> action) {
        if (files.isEmpty()) {
            return run(action);
        }
        if (faults.on(Fault.SKIP_NFS_BREAK)) {
            log.debug("fault SKIP_NFS_BREAK: {} on {} without a break", trigger, files);
            return run(action);
        }
        if (faults.on(Fault.BREAK_AFTER_DATA_CHANGE)) {
            CompletableFuture<T> result = run(action);
            startBreaks(files, trigger);
            return result;
        }
        CompletableFuture<Void> broken = startBreaks(files, trigger);
        BreakPolicy p = policy == BreakPolicy.WAIT && faults.on(Fault.NO_WAIT_FOR_BREAK) ? BreakPolicy.NOTIFY : policy;
        if (broken.isDone() || p == BreakPolicy.NOTIFY) {
            return run(action);
        }
        if (p == BreakPolicy.JUKEBOX) {
            log.debug("{} on {}: break pending, answering JUKEBOX", trigger, files);
            return CompletableFuture.failedFuture(
                    new Nfs3Exception(Nfs3Status.NFS3ERR_JUKEBOX, "lease break pending on " + files));
        }
        log.debug("{} on {}: waiting for the break", trigger, files);
        return broken.handle((v, err) -> null).thenComposeAsync(v -> run(action), pool);
    }

    private CompletableFuture<Void> startBreaks(List<FileId> files, BreakTrigger trigger) {
        CompletableFuture<?>[] fs = new CompletableFuture<?>[files.size()];
        for (int i = 0; i < fs.length; i++) {
            CompletableFuture<BreakOutcome> f = locks.breakFor(files.get(i), trigger, BreakOrigin.nfs());
            fs[i] = f;
        }
        return CompletableFuture.allOf(fs);
    }

    private static <T> CompletableFuture<T> run(Action<T> action) {
        try {
            return CompletableFuture.completedFuture(action.run());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
