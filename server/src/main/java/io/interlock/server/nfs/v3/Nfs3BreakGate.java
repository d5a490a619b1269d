package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.ShareMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
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
 * Fault#BREAK_AFTER_DATA_CHANGE}, {@link Fault#NO_WAIT_FOR_BREAK}, {@link
 * Fault#SKIP_DIR_LEASE_BREAK}, {@link Fault#SKIP_TRUNCATE_BREAK} ({@link #sizeChangeBreaks}), {@link
 * Fault#FAILED_OP_BREAKS} ({@link #breakBeforeChecks}); handlers ask {@link #faults()} for the
 * rest.
 */
public final class Nfs3BreakGate {
    private static final Logger log = LoggerFactory.getLogger(Nfs3BreakGate.class);

    /** The work that follows the break. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    /**
     * One break to ask for: a file (or directory) and what the operation does to it.
     *
     * @param file the object whose leases conflict
     * @param trigger WRITE, READ, DELETE, or DIRECTORY_CHANGE for the parent of a namespace change
     */
    public record Break(FileId file, BreakTrigger trigger) {}

    /** The breaks of {@code files}, all with one trigger. */
    public static List<Break> all(List<FileId> files, BreakTrigger trigger) {
        return files.stream().map(f -> new Break(f, trigger)).toList();
    }

    private final LockManager locks;
    private final FaultPoints faults;
    private final Executor pool;

    public Nfs3BreakGate(LockManager locks, FaultPoints faults, Executor pool) {
        this.locks = locks;
        this.faults = faults;
        this.pool = pool;
    }

    /**
     * Whether an open of {@code file} (an SMB open left after the breaks) refuses delete sharing:
     * an NT delete or rename open (DELETE access, sharing everything) would meet a sharing
     * violation, so NFS REMOVE, RMDIR and RENAME answer NFS3ERR_ACCES (catalog §2.9, R-SMB-82).
     * Stat opens take part in no share check.
     */
    public boolean deleteDenied(FileId file) {
        return locks.checkShare(file, ShareMode.DELETE, ShareMode.SHARE_ALL).isPresent();
    }

    /** Breaks what conflicts with {@code trigger} on {@code files}, then runs {@code action}. */
    public <T> CompletableFuture<T> breakThen(
            BreakPolicy policy, List<FileId> files, BreakTrigger trigger, Action<T> action) {
        return breakThen(policy, all(files, trigger), action);
    }

    /**
     * Asks for every break in {@code breaks} (e.g. DELETE on a removed file plus DIRECTORY_CHANGE
     * on its parent, R-XP-4/R-XP-5), then runs {@code action} per {@code policy}.
     */
    public <T> CompletableFuture<T> breakThen(BreakPolicy policy, List<Break> breaks, Action<T> action) {
        if (faults.on(Fault.SKIP_DIR_LEASE_BREAK)) {
            breaks = breaks.stream()
                    .filter(b -> b.trigger() != BreakTrigger.DIRECTORY_CHANGE)
                    .toList();
        }
        if (breaks.isEmpty()) {
            return run(action);
        }
        if (faults.on(Fault.SKIP_NFS_BREAK)) {
            log.debug("fault SKIP_NFS_BREAK: {} without a break", breaks);
            return run(action);
        }
        if (faults.on(Fault.BREAK_AFTER_DATA_CHANGE)) {
            CompletableFuture<T> result = run(action);
            breaks.forEach(b -> locks.breakWithoutWaiting(b.file(), b.trigger(), BreakOrigin.nfs()));
            return result;
        }
        BreakPolicy p = policy == BreakPolicy.WAIT && faults.on(Fault.NO_WAIT_FOR_BREAK) ? BreakPolicy.NOTIFY : policy;
        if (p == BreakPolicy.NOTIFY) {
            // nothing waits for these breaks: the break timer alone ends an unacknowledged one
            breaks.forEach(b -> locks.breakWithoutWaiting(b.file(), b.trigger(), BreakOrigin.nfs()));
            return run(action);
        }
        CompletableFuture<Void> broken = startBreaks(breaks);
        if (broken.isDone()) {
            return run(action);
        }
        if (p == BreakPolicy.JUKEBOX) {
            log.debug("{}: break pending, answering JUKEBOX", breaks);
            return CompletableFuture.failedFuture(
                    new Nfs3Exception(Nfs3Status.NFS3ERR_JUKEBOX, "lease break pending: " + breaks));
        }
        log.debug("{}: waiting for the break", breaks);
        // after the wait the procedure is evaluated again from its arguments (Nfs3Program): while it
        // waited, a name may have come to mean another file (a RENAME target that now exists) or a
        // new holder may have been granted, and those must be broken before the change too (R-XP-4:
        // every non-None lease of F, and of G if it exists, before the unlink or rename)
        return broken.handle((v, err) -> null).thenComposeAsync(v -> CompletableFuture.<T>failedFuture(WAITED), pool);
    }

    /**
     * The outcome of an operation that waited for its breaks under WAIT: the procedure table runs the
     * handler again (its checks, its breaks, then its action). Carries no stack: it is control flow.
     */
    static final class Waited extends RuntimeException {
        private Waited() {
            super("waited for the breaks: evaluate again", null, false, false);
        }
    }

    static final Waited WAITED = new Waited();

    /**
     * What a size change breaks (SETATTR with a size, CREATE UNCHECKED with a size over an existing
     * file): the file's R and W leases, like a WRITE (R-XP-6); nothing when {@code changes} sets no
     * size.
     */
    public List<FileId> sizeChangeBreaks(FileId file, SetAttributes changes) {
        if (changes.size() == null) {
            return List.of();
        }
        if (faults.on(Fault.SKIP_TRUNCATE_BREAK)) {
            log.warn("fault SKIP_TRUNCATE_BREAK: size change of {} breaks nothing", file);
            return List.of();
        }
        return List.of(file);
    }

    /**
     * Called by WRITE and REMOVE before the checks that may still refuse them. Does nothing: this
     * server breaks only once every check passed (R-XP-12). With {@link Fault#FAILED_OP_BREAKS} it
     * breaks {@code file} here already, as DittoFS does, so a refused operation has broken leases.
     */
    public void breakBeforeChecks(FileId file, BreakTrigger trigger) {
        if (faults.on(Fault.FAILED_OP_BREAKS)) {
            log.warn("fault FAILED_OP_BREAKS: breaking {} of {} before the checks", trigger, file);
            locks.breakWithoutWaiting(file, trigger, BreakOrigin.nfs());
        }
    }

    /** The fault points, for the checks that belong to one handler (e.g. RENAME's replaced target). */
    public FaultPoints faults() {
        return faults;
    }

    private CompletableFuture<Void> startBreaks(List<Break> breaks) {
        CompletableFuture<?>[] fs = new CompletableFuture<?>[breaks.size()];
        for (int i = 0; i < fs.length; i++) {
            Break b = breaks.get(i);
            CompletableFuture<BreakOutcome> f = locks.breakFor(b.file(), b.trigger(), BreakOrigin.nfs());
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
