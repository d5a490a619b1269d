package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.ByteRangeLock;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LOCK, NM_LOCK and CANCEL (XNFS 10.2; spec §3.3, §3.4). A LOCK first breaks conflicting SMB
 * leases and waits for that at most {@link NlmConfig#leaseBreakWait()} (R-XP-8), then checks the
 * one byte-range table shared with SMB (R-XP-10). A blocking LOCK that conflicts is queued in the
 * lock manager and answered BLOCKED; when the manager grants it (an NLM UNLOCK, an SMB unlock or
 * close, a FREE_ALL: any release wakes it, no polling) the GRANTED callback goes to the client,
 * and a failed or refused callback releases the lock again (R-NLM-4). Nothing here blocks a lane:
 * the lease wait continues on the worker pool. With {@link NlmConfig#denyUnbrokenLease()} a
 * non-blocking LOCK whose lease break did not complete is DENIED instead (R-XP-9). Owners are bound
 * to their host ({@link NlmCallers}).
 */
final class Nlm4LockHandler {
    private static final Logger log = LoggerFactory.getLogger(Nlm4LockHandler.class);

    private final NlmFiles files;
    private final LockManager locks;
    private final NlmGrace grace;
    private final NlmConfig config;
    private final NlmBlockedTable blocked;
    private final NlmGrants grants;
    private final ServerClock clock;
    private final Executor pool;
    private final NlmCallers callers;
    private final FaultPoints faults;

    Nlm4LockHandler(
            NlmFiles files,
            LockManager locks,
            NlmGrace grace,
            NlmConfig config,
            NlmBlockedTable blocked,
            NlmGrants grants,
            ServerClock clock,
            Executor pool,
            NlmCallers callers,
            FaultPoints faults) {
        this.callers = callers;
        this.faults = faults;
        this.files = files;
        this.locks = locks;
        this.grace = grace;
        this.config = config;
        this.blocked = blocked;
        this.grants = grants;
        this.clock = clock;
        this.pool = pool;
    }

    /**
     * LOCK (and NM_LOCK with {@code mayBlock} false; LOCK_MSG with {@code async}, whose grant is
     * then sent as GRANTED_MSG).
     */
    CompletableFuture<Nlm4Stats> lock(
            Nlm4LockArgs a, SocketAddress client, int version, boolean mayBlock, boolean async) throws Nlm4Exception {
        FileId file = files.resolve(a.alock().fh());
        return lockChecked(a, client, version, mayBlock, async, file).thenApply(s -> {
            if (s == Nlm4Stats.NLM4_GRANTED || s == Nlm4Stats.NLM4_BLOCKED) {
                callers.holds(a.alock(), client, file);
            }
            return s;
        });
    }

    private CompletableFuture<Nlm4Stats> lockChecked(
            Nlm4LockArgs a, SocketAddress client, int version, boolean mayBlock, boolean async, FileId file)
            throws Nlm4Exception {
        ByteRange range = NlmFiles.range(a.alock());
        if (!callers.admits(a.alock(), client)) {
            throw new Nlm4Exception(
                    Nlm4Stats.NLM4_DENIED,
                    "owner " + a.alock().callerName() + "/" + a.alock().svid() + " belongs to another host than "
                            + client);
        }
        if (grace.active() && !a.reclaim()) {
            throw new Nlm4Exception(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD, "grace period: only reclaims");
        }
        if (!grace.active() && a.reclaim()) {
            throw new Nlm4Exception(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD, "reclaim after the grace period");
        }
        boolean block = a.block() && mayBlock;
        LockOwner owner = NlmOwners.of(a.alock());
        NlmBlockedTable.Key key = new NlmBlockedTable.Key(file, owner, range, a.exclusive());
        NlmBlockedTable.Blocked entry = null;
        if (block) {
            entry = new NlmBlockedTable.Blocked(key, a.alock(), version, client, async);
            synchronized (blocked) {
                NlmBlockedTable.Blocked already = blocked.putIfAbsent(entry);
                if (already != null && already.granted() && !holds(file, owner, range)) {
                    // granted, then unlocked while its GRANTED callback was still in flight: the
                    // entry is stale and this LOCK is a new request (seen once SMB LOCK existed)
                    blocked.remove(already);
                    already = blocked.putIfAbsent(entry);
                }
                if (already != null) {
                    // a re-sent LOCK (Linux re-sends after 30 s): held already → GRANTED (R-NLM-5)
                    return done(already.granted() ? Nlm4Stats.NLM4_GRANTED : Nlm4Stats.NLM4_BLOCKED);
                }
            }
        }
        CompletableFuture<BreakOutcome> broken = faults.on(Fault.NLM_LOCK_IGNORES_LEASES)
                ? CompletableFuture.completedFuture(BreakOutcome.NOTHING)
                : locks.breakFor(file, BreakTrigger.LOCK, BreakOrigin.nlm());
        NlmBlockedTable.Blocked e = entry;
        if (broken.isDone()) {
            return done(afterBreak(a, broken, key, e));
        }
        log.debug("NLM LOCK {}: waiting up to {} for SMB lease breaks", a.alock(), config.leaseBreakWait());
        return awaitBreaks(
                a,
                key,
                e,
                file,
                broken,
                clock.nanoTime() + config.leaseBreakWait().toNanos());
    }

    /**
     * Waits for {@code broken} until {@code deadline} (R-XP-8's one bound for the whole LOCK). When
     * the acks come first, asks for the breaks again: a lease granted to another key while the LOCK
     * waited holds R just as well and is broken and waited for within the same bound. At the bound,
     * every lease holding R is broken (if it was not yet) and forced to NONE, and the lock goes on;
     * not when the request was cancelled meanwhile (leases left intact), nor for a non-blocking LOCK
     * refused under the R-XP-9 setting (the break goes on).
     */
    private CompletableFuture<Nlm4Stats> awaitBreaks(
            Nlm4LockArgs a,
            NlmBlockedTable.Key key,
            NlmBlockedTable.Blocked e,
            FileId file,
            CompletableFuture<BreakOutcome> broken,
            long deadline) {
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        java.time.Duration left = java.time.Duration.ofNanos(Math.max(0, deadline - clock.nanoTime()));
        ServerClock.Timer timer = clock.schedule(left, () -> {
            expired.set(true);
            boolean refused = config.denyUnbrokenLease() && e == null;
            if (!refused && !cancelled(e) && !broken.isDone()) {
                locks.breakWithoutWaiting(file, BreakTrigger.LOCK, BreakOrigin.nlm());
                locks.forceBreaks(file, BreakTrigger.LOCK, BreakOrigin.nlm());
            }
            bounded.complete(null);
        });
        broken.whenComplete((o, err) -> bounded.complete(null));
        return bounded.thenComposeAsync(
                v -> {
                    timer.cancel();
                    boolean cancelled = cancelled(e);
                    // at the bound nothing is asked again: what the forced breaks let through
                    // meanwhile (a CREATE held on a forced lease) comes after this lock
                    if (!broken.isDone() || expired.get()) {
                        if (!broken.isDone() && !config.denyUnbrokenLease() && !cancelled) {
                            // the wait ran out: the lease is forced to NONE and the lock still
                            // granted; a request cancelled meanwhile takes nothing (R-XP-8)
                            locks.forceBreaks(file);
                        }
                        return done(afterBreak(a, broken, key, e));
                    }
                    if (cancelled) {
                        return done(afterBreak(a, broken, key, e));
                    }
                    CompletableFuture<BreakOutcome> again = locks.breakFor(file, BreakTrigger.LOCK, BreakOrigin.nlm());
                    if (again.isDone()) {
                        return done(afterBreak(a, broken, key, e));
                    }
                    log.debug("NLM LOCK {}: a lease granted while it waited, waiting for its break too", a.alock());
                    return awaitBreaks(a, key, e, file, again, deadline);
                },
                pool);
    }

    private boolean cancelled(NlmBlockedTable.Blocked e) {
        synchronized (blocked) {
            return e != null && e.cancelled;
        }
    }

    /**
     * R-XP-9 ({@link NlmConfig#denyUnbrokenLease()}): a non-blocking LOCK whose lease breaks did not
     * all end with an acknowledgement (still pending when the wait ran out, or forced by the lock
     * manager's break timer) is DENIED and takes nothing. nlm4_res has no holder field, so the
     * holder appears only in the log (and in TEST replies). Otherwise the lock goes ahead (R-XP-8).
     */
    private Nlm4Stats afterBreak(
            Nlm4LockArgs a,
            CompletableFuture<BreakOutcome> broken,
            NlmBlockedTable.Key key,
            NlmBlockedTable.Blocked entry) {
        if (config.denyUnbrokenLease() && entry == null) {
            BreakOutcome o = broken.isDone() && !broken.isCompletedExceptionally() ? broken.join() : null;
            if (o == null || o.timedOut() > 0) {
                log.info(
                        "NLM LOCK {}: conflicting SMB lease not broken within {} ({}): DENIED",
                        a.alock(),
                        config.leaseBreakWait(),
                        o == null ? "no acknowledgement yet" : o.timedOut() + " break(s) timed out");
                return Nlm4Stats.NLM4_DENIED;
            }
        }
        return acquire(key, a.exclusive(), entry);
    }

    /** Takes the lock, or queues it when {@code entry} is non-null (a blocking request). */
    private Nlm4Stats acquire(NlmBlockedTable.Key k, boolean exclusive, NlmBlockedTable.Blocked entry) {
        if (entry == null) {
            return locks.lock(k.file(), k.owner(), k.range(), exclusive).granted()
                    ? Nlm4Stats.NLM4_GRANTED
                    : Nlm4Stats.NLM4_DENIED;
        }
        LockManager.PendingLock p;
        synchronized (blocked) {
            if (entry.cancelled) {
                blocked.remove(entry);
                return Nlm4Stats.NLM4_DENIED; // cancelled during the lease wait: no lock (R-XP-8)
            }
            if (locks.queuedLocks(k.file()) >= config.maxBlockedPerFile()) {
                blocked.remove(entry);
                boolean got =
                        locks.lock(k.file(), k.owner(), k.range(), exclusive).granted();
                return got ? Nlm4Stats.NLM4_GRANTED : Nlm4Stats.NLM4_DENIED_NOLOCKS; // R-NLM-11
            }
            p = locks.lockOrQueue(k.file(), k.owner(), k.range(), exclusive);
            if (p.granted().isDone()) {
                blocked.remove(entry);
                return Nlm4Stats.NLM4_GRANTED;
            }
            entry.pending = p;
        }
        log.debug("NLM LOCK {}: BLOCKED by {}", entry.alock, p.blockedBy().orElse(null));
        p.granted().whenComplete((lock, err) -> onGranted(entry, lock, err));
        return Nlm4Stats.NLM4_BLOCKED;
    }

    /** The manager took the lock for a blocked request (or cancelled it): call the client back. */
    private void onGranted(NlmBlockedTable.Blocked entry, ByteRangeLock lock, Throwable err) {
        if (err != null) {
            blocked.remove(entry); // cancelled by CANCEL or FREE_ALL: nothing to tell
            return;
        }
        synchronized (blocked) {
            if (entry.cancelled) {
                return; // CANCEL raced the grant and released it
            }
        }
        grants.send(entry, () -> blocked.remove(entry));
    }

    /**
     * CANCEL: withdraws a queued request; idempotent, always GRANTED (R-NLM-6). From a host the
     * owner is not pinned to it does nothing ({@link NlmCallers}).
     */
    Nlm4Stats cancel(Nlm4CancArgs a, SocketAddress from) throws Nlm4Exception {
        FileId file = files.resolve(a.alock().fh());
        ByteRange range = NlmFiles.range(a.alock());
        if (!callers.admits(a.alock(), from)) {
            log.info("NLM CANCEL {} from {} ignored: the owner belongs to another host", a.alock(), from);
            return Nlm4Stats.NLM4_GRANTED;
        }
        NlmBlockedTable.Key key = new NlmBlockedTable.Key(file, NlmOwners.of(a.alock()), range, a.exclusive());
        LockManager.PendingLock p;
        synchronized (blocked) {
            NlmBlockedTable.Blocked b = blocked.remove(key);
            if (b == null) {
                return Nlm4Stats.NLM4_GRANTED;
            }
            b.cancelled = true;
            p = b.pending;
        }
        if (p != null && !p.cancel()) {
            // granted already, the GRANTED callback is on its way: the client no longer wants it
            locks.unlock(file, key.owner(), range);
            log.debug("NLM CANCEL {}: was granted, released", a.alock());
        }
        callers.released(a.alock(), file, stillUses(file, key.owner()));
        return Nlm4Stats.NLM4_GRANTED;
    }

    /** Whether {@code owner} holds a lock covering {@code range} of {@code file}. */
    private boolean holds(FileId file, io.interlock.server.core.lock.LockOwner owner, ByteRange range) {
        return locks.locksOn(file).stream()
                .anyMatch(l -> l.owner().equals(owner) && l.range().contains(range));
    }

    /** Whether {@code owner} still holds or waits for a lock on {@code file}. */
    boolean stillUses(FileId file, io.interlock.server.core.lock.LockOwner owner) {
        return blocked.waits(file, owner)
                || locks.locksOn(file).stream().anyMatch(l -> l.owner().equals(owner));
    }

    private static CompletableFuture<Nlm4Stats> done(Nlm4Stats s) {
        return CompletableFuture.completedFuture(s);
    }
}
