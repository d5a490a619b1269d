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
 * the lease wait continues on the worker pool.
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

    Nlm4LockHandler(
            NlmFiles files,
            LockManager locks,
            NlmGrace grace,
            NlmConfig config,
            NlmBlockedTable blocked,
            NlmGrants grants,
            ServerClock clock,
            Executor pool) {
        this.files = files;
        this.locks = locks;
        this.grace = grace;
        this.config = config;
        this.blocked = blocked;
        this.grants = grants;
        this.clock = clock;
        this.pool = pool;
    }

    /** LOCK (and NM_LOCK with {@code mayBlock} false). */
    CompletableFuture<Nlm4Stats> lock(Nlm4LockArgs a, SocketAddress client, int version, boolean mayBlock)
            throws Nlm4Exception {
        FileId file = files.resolve(a.alock().fh());
        ByteRange range = NlmFiles.range(a.alock());
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
            entry = new NlmBlockedTable.Blocked(key, a.alock(), version, client);
            synchronized (blocked) {
                NlmBlockedTable.Blocked already = blocked.putIfAbsent(entry);
                if (already != null) {
                    // a re-sent LOCK (Linux re-sends after 30 s): held already → GRANTED (R-NLM-5)
                    return done(already.granted() ? Nlm4Stats.NLM4_GRANTED : Nlm4Stats.NLM4_BLOCKED);
                }
            }
        }
        CompletableFuture<BreakOutcome> broken = locks.breakFor(file, BreakTrigger.LOCK, BreakOrigin.nlm());
        NlmBlockedTable.Blocked e = entry;
        if (broken.isDone()) {
            return done(acquire(key, a.exclusive(), e));
        }
        log.debug("NLM LOCK {}: waiting up to {} for SMB lease breaks", a.alock(), config.leaseBreakWait());
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        ServerClock.Timer timer = clock.schedule(config.leaseBreakWait(), () -> bounded.complete(null));
        broken.whenComplete((o, err) -> bounded.complete(null));
        return bounded.thenApplyAsync(
                v -> {
                    timer.cancel();
                    return acquire(key, a.exclusive(), e);
                },
                pool);
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

    /** CANCEL: withdraws a queued request; idempotent, always GRANTED (R-NLM-6). */
    Nlm4Stats cancel(Nlm4CancArgs a) throws Nlm4Exception {
        FileId file = files.resolve(a.alock().fh());
        ByteRange range = NlmFiles.range(a.alock());
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
        return Nlm4Stats.NLM4_GRANTED;
    }

    private static CompletableFuture<Nlm4Stats> done(Nlm4Stats s) {
        return CompletableFuture.completedFuture(s);
    }
}
