package io.interlock.server.core.lock;

import io.interlock.server.core.time.ServerClock;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol-neutral owner of all caching state, keyed by {@link FileId}: leases (and, as leases
 * with private keys, traditional oplocks), and the break machinery that every protocol goes
 * through. NFS never talks to SMB: it asks {@link #breakFor} and gets a future.
 *
 * <p>Breaks follow [MS-SMB2] 3.3.4.7 and the catalog's §2.5: a holder of R only is downgraded at
 * once without an ack; a holder of W or H is sent a break with ACK_REQUIRED, marked Breaking, and
 * given {@link LockManagerConfig#breakTimeout()} to acknowledge, after which its lease is forced to
 * NONE. One notification per lease; a further conflict while breaking lowers the required target
 * and is served by a follow-up break after the ack.
 *
 * <p>Threads: all state is guarded by this object's monitor. Notifications are sent and futures
 * completed after the monitor is released, so a notifier or a future's continuation may call back
 * into the manager.
 */
public final class LockManager {
    private static final Logger log = LoggerFactory.getLogger(LockManager.class);

    private final ServerClock clock;
    private final LockManagerConfig config;
    private final FaultPoints faults;

    /** Guarded by this. */
    private final Map<LeaseKey, Lease> leases = new HashMap<>();
    /** Guarded by this. Leases per file, in grant order. */
    private final Map<FileId, Map<LeaseKey, Lease>> byFile = new HashMap<>();

    private final AtomicInteger breaksSent = new AtomicInteger();
    private final AtomicInteger breaksTimedOut = new AtomicInteger();

    public LockManager(ServerClock clock, LockManagerConfig config, FaultPoints faults) {
        this.clock = clock;
        this.config = config;
        this.faults = faults;
    }

    /** State of one lease. Guarded by the manager. */
    private static final class Lease {
        final LeaseKey key;
        final FileId file;
        final int version;
        final BreakNotifier notifier;
        int state;
        int epoch;
        int opens;
        boolean breaking;
        int breakTo;
        /** The lowest target any pending conflict needs; ≤ breakTo. */
        int required;

        ServerClock.Timer timer;
        BreakTrigger trigger;
        final List<Waiter> waiters = new ArrayList<>();

        Lease(LeaseKey key, FileId file, int version, BreakNotifier notifier) {
            this.key = key;
            this.file = file;
            this.version = version;
            this.notifier = notifier;
        }
    }

    /** A party waiting until a lease holds no more than {@code allowed}. */
    private static final class Waiter {
        final int allowed;
        final CompletableFuture<Boolean> done = new CompletableFuture<>(); // true = by timeout

        Waiter(int allowed) {
            this.allowed = allowed;
        }
    }

    /** Side effects collected under the monitor, run after it is released. */
    private static final class Effects {
        final List<Runnable> actions = new ArrayList<>();

        void run() {
            for (Runnable r : actions) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.error("lock manager callback failed", e);
                }
            }
        }
    }

    /**
     * Grants (or returns) a lease for a CREATE. A first open under a key gets the grantable subset
     * of what it asks; a same-key open upgrades only to a strict superset while not breaking
     * ([MS-SMB2] 3.3.5.9.8). W is granted only when no other key holds a lease on the file.
     */
    public LeaseGrant requestLease(LeaseRequest req) {
        synchronized (this) {
            Lease l = leases.get(req.key());
            int asked = req.requestedState() & LeaseState.RWH;
            if (!LeaseState.isValid(asked)) {
                asked = LeaseState.NONE;
            }
            if (req.directory()) {
                asked &= ~LeaseState.WRITE;
            }
            if (l != null && !l.file.equals(req.file())) {
                // a key bound to another file; the SMB adapter answers INVALID_PARAMETER for this
                throw new IllegalStateException("lease key " + req.key() + " is bound to " + l.file);
            }
            if (l == null) {
                l = new Lease(req.key(), req.file(), req.version(), req.notifier());
                l.state = grantable(req.file(), req.key(), asked);
                l.epoch = req.version() >= 2 ? (req.epoch() + 1) & 0xFFFF : 0;
                leases.put(req.key(), l);
                byFile.computeIfAbsent(req.file(), f -> new LinkedHashMap<>()).put(req.key(), l);
            } else if (!l.breaking
                    && asked != l.state
                    && (asked & l.state) == l.state
                    && grantable(req.file(), req.key(), asked) == asked) {
                l.state = asked;
                if (l.version >= 2) {
                    l.epoch = (l.epoch + 1) & 0xFFFF;
                }
            }
            l.opens++;
            return new LeaseGrant(l.state, l.epoch, l.breaking);
        }
    }

    /** Caller holds this. The part of {@code asked} that can be granted beside the other leases. */
    private int grantable(FileId file, LeaseKey key, int asked) {
        int g = asked;
        for (Lease other : byFile.getOrDefault(file, Map.of()).values()) {
            if (!other.key.equals(key) && other.state != LeaseState.NONE) {
                g &= ~LeaseState.WRITE;
            }
        }
        return LeaseState.isValid(g) ? g : LeaseState.NONE;
    }

    /**
     * Breaks every lease on {@code file} that conflicts with {@code trigger}, except the origin's
     * own key. The future completes when every such lease has been acknowledged down to what the
     * trigger allows, closed, or forced to NONE by the break timer; at once when nothing conflicts.
     */
    public CompletableFuture<BreakOutcome> breakFor(FileId file, BreakTrigger trigger, BreakOrigin origin) {
        Effects fx = new Effects();
        List<Waiter> waits = new ArrayList<>();
        int broken = 0;
        synchronized (this) {
            for (Lease l : List.copyOf(byFile.getOrDefault(file, Map.of()).values())) {
                if (l.key.equals(origin.ownKey())) {
                    continue;
                }
                int target = trigger.targetFor(l.state);
                if (target == l.state && !(l.breaking && trigger.conflictsWith(l.breakTo))) {
                    continue;
                }
                broken++;
                startBreak(l, trigger, target, fx);
                if (l.state != LeaseState.NONE && (l.state & ~trigger.allowedState()) != 0) {
                    Waiter w = new Waiter(trigger.allowedState());
                    l.waiters.add(w);
                    waits.add(w);
                }
            }
        }
        fx.run();
        if (broken > 0) {
            log.info("{} {} on {}: breaking {} lease(s)", origin.protocol(), trigger, file, broken);
        }
        if (waits.isEmpty()) {
            return CompletableFuture.completedFuture(new BreakOutcome(broken, broken, 0));
        }
        final int n = broken;
        CompletableFuture<?>[] fs = waits.stream().map(w -> w.done).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(fs).thenApply(v -> {
            int timedOut = 0;
            for (Waiter w : waits) {
                if (w.done.join()) {
                    timedOut++;
                }
            }
            return new BreakOutcome(n, n - timedOut, timedOut);
        });
    }

    /** Caller holds this. Starts (or tightens) the break of {@code l} towards {@code target}. */
    private void startBreak(Lease l, BreakTrigger trigger, int target, Effects fx) {
        if (l.breaking) {
            // one notification per lease: remember the stricter need, served after the ack
            l.required &= target;
            return;
        }
        int current = l.state;
        boolean ackRequired = (current & (LeaseState.WRITE | LeaseState.HANDLE)) != 0;
        if (l.version >= 2) {
            l.epoch = (l.epoch + 1) & 0xFFFF;
        }
        l.trigger = trigger;
        if (ackRequired) {
            l.breaking = true;
            l.breakTo = target;
            l.required = target;
            armTimer(l);
        } else {
            l.state = target;
            wake(l, false, fx);
        }
        sendBreak(l, current, target, ackRequired, trigger, fx);
    }

    /** Caller holds this. */
    private void sendBreak(Lease l, int current, int target, boolean ackRequired, BreakTrigger trigger, Effects fx) {
        breaksSent.incrementAndGet();
        if (faults.on(Fault.DROP_BREAK_NOTIFICATION)) {
            log.warn("fault DROP_BREAK_NOTIFICATION: not sending break of {}", l.key);
            return;
        }
        LeaseBreakNotice notice = new LeaseBreakNotice(l.key, l.file, current, target, l.epoch, ackRequired, trigger);
        BreakNotifier n = l.notifier;
        fx.actions.add(() -> n.leaseBreak(notice));
    }

    /** Caller holds this. */
    private void armTimer(Lease l) {
        java.time.Duration timeout =
                faults.on(Fault.BREAK_TIMER_EARLY) ? java.time.Duration.ZERO : config.breakTimeout();
        Lease target = l;
        l.timer = clock.schedule(timeout, () -> timeout(target));
    }

    private void timeout(Lease l) {
        Effects fx = new Effects();
        synchronized (this) {
            if (!l.breaking || leases.get(l.key) != l) {
                return;
            }
            log.info("lease break of {} on {} timed out: forcing NONE", l.key, l.file);
            breaksTimedOut.incrementAndGet();
            l.breaking = false;
            l.timer = null;
            l.state = LeaseState.NONE;
            wake(l, true, fx);
        }
        fx.run();
    }

    /** Caller holds this. Completes the waiters {@code l} now satisfies. */
    private void wake(Lease l, boolean byTimeout, Effects fx) {
        for (var it = l.waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if ((l.state & ~w.allowed) == 0) {
                it.remove();
                fx.actions.add(() -> w.done.complete(byTimeout));
            }
        }
    }

    /** Processes a lease break acknowledgement ([MS-SMB2] 3.3.5.22.2). */
    public AckResult acknowledge(LeaseKey key, int ackState) {
        Effects fx = new Effects();
        AckResult r;
        synchronized (this) {
            Lease l = leases.get(key);
            if (l == null) {
                r = AckResult.NO_SUCH_LEASE;
            } else if (!l.breaking) {
                r = AckResult.NOT_BREAKING;
            } else if ((ackState & ~l.breakTo) != 0) {
                r = AckResult.STATE_NOT_ALLOWED;
            } else if (faults.on(Fault.IGNORE_BREAK_ACK)) {
                log.warn("fault IGNORE_BREAK_ACK: ignoring ack of {}", key);
                r = AckResult.OK;
            } else {
                r = AckResult.OK;
                l.breaking = false;
                if (l.timer != null) {
                    l.timer.cancel();
                    l.timer = null;
                }
                l.state = ackState;
                wake(l, false, fx);
                if ((l.state & ~l.required) != 0) {
                    // follow-up break for a conflict that arrived while breaking (no epoch bump)
                    int next = l.required;
                    if ((l.state & (LeaseState.WRITE | LeaseState.HANDLE)) != 0 && (next & LeaseState.READ) == 0) {
                        next = next == LeaseState.NONE ? LeaseState.NONE : next;
                    }
                    boolean ack = (l.state & (LeaseState.WRITE | LeaseState.HANDLE)) != 0;
                    int current = l.state;
                    if (ack) {
                        l.breaking = true;
                        l.breakTo = next;
                        armTimer(l);
                    } else {
                        l.state = next;
                        wake(l, false, fx);
                    }
                    sendBreak(l, current, next, ack, l.trigger, fx);
                }
            }
        }
        fx.run();
        return r;
    }

    /** Drops one open of a lease; the lease ends with its last open, releasing its waiters. */
    public void releaseLeaseOpen(LeaseKey key) {
        Effects fx = new Effects();
        synchronized (this) {
            Lease l = leases.get(key);
            if (l == null) {
                return;
            }
            if (--l.opens > 0) {
                return;
            }
            leases.remove(key);
            Map<LeaseKey, Lease> m = byFile.get(l.file);
            if (m != null) {
                m.remove(key);
                if (m.isEmpty()) {
                    byFile.remove(l.file);
                }
            }
            if (l.timer != null) {
                l.timer.cancel();
            }
            l.state = LeaseState.NONE;
            l.breaking = false;
            wake(l, false, fx);
        }
        fx.run();
    }

    /** A read-only view of one lease. */
    public record LeaseView(
            LeaseKey key, FileId file, int state, int epoch, boolean breaking, int breakTo, int opens) {}

    public synchronized Optional<LeaseView> lease(LeaseKey key) {
        Lease l = leases.get(key);
        return l == null
                ? Optional.empty()
                : Optional.of(new LeaseView(l.key, l.file, l.state, l.epoch, l.breaking, l.breakTo, l.opens));
    }

    public synchronized List<LeaseView> leasesOn(FileId file) {
        List<LeaseView> out = new ArrayList<>();
        for (Lease l : byFile.getOrDefault(file, Map.of()).values()) {
            out.add(new LeaseView(l.key, l.file, l.state, l.epoch, l.breaking, l.breakTo, l.opens));
        }
        return out;
    }

    /** Breaks sent since start (counter for tests and metrics). */
    public int breaksSent() {
        return breaksSent.get();
    }

    /** Breaks that ended at the timeout. */
    public int breaksTimedOut() {
        return breaksTimedOut.get();
    }

    public LockManagerConfig config() {
        return config;
    }
}
