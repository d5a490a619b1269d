package io.interlock.server.core.lock;

import io.interlock.server.core.time.ServerClock;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol-neutral owner of all caching and locking state, keyed by {@link FileId}: leases,
 * traditional oplocks (modelled as leases with a private key per open), byte-range locks (one
 * table for SMB and NLM), and share modes of opens. NFS never talks to SMB: it asks {@link
 * #breakFor} and gets a future.
 *
 * <h2>Breaks</h2>
 *
 * Breaks follow [MS-SMB2] 3.3.4.6/3.3.4.7 and the catalog's §2.5: a holder of R only (lease R,
 * Level II) is downgraded at once without an ack; a holder of W or H is sent a break with
 * ACK_REQUIRED, marked Breaking, and given {@link LockManagerConfig#breakTimeout()} to acknowledge,
 * after which it is forced to NONE (§2.8). Exactly one notification is outstanding per lease: a
 * further conflict while breaking lowers the required target, served after the ack by a follow-up
 * break that steps through R (RWH→RH→R→NONE) and keeps the v2 epoch (§2.5, §2.7, R-SMB-57). An
 * operation never breaks its own key ({@link BreakOrigin#ownKey()}), except that Level II oplocks
 * break on writes and locks of their own open (R-SMB-33/34). Closing the last open of a holder
 * releases everyone waiting on it.
 *
 * <h2>Byte-range locks</h2>
 *
 * One table for all protocols, with POSIX split/merge for one owner ({@link ByteRangeTable}).
 * Blocking requests ({@link #lockOrQueue}) are queued per file and granted, in FIFO order as far as
 * they fit, when a conflicting lock goes away: the caller gets a future, never polls.
 *
 * <h2>Fault points</h2>
 *
 * Checked here, each at one place: {@link Fault#DROP_BREAK_NOTIFICATION}, {@link
 * Fault#IGNORE_BREAK_ACK}, {@link Fault#BREAK_TIMER_EARLY}, {@link Fault#READ_BREAK_DROPS_HANDLE},
 * {@link Fault#EPOCH_NOT_INCREMENTED}, {@link Fault#ACK_REQUIRED_ALWAYS}, {@link
 * Fault#BREAK_ONE_HOLDER_ONLY}, {@link Fault#LEASE_UPGRADE_WHILE_BREAKING}, {@link
 * Fault#NO_REVOKE_WITHOUT_WAITER}, {@link Fault#SEPARATE_LOCK_TABLES}, {@link
 * Fault#SMB_IO_IGNORES_NLM_LOCKS}, {@link Fault#NLM_WAITER_NOT_WOKEN_BY_SMB}, {@link
 * Fault#UNLOCK_NO_SPLIT}.
 *
 * <h2>Threads</h2>
 *
 * All state is guarded by this object's monitor. Notifications are sent and futures completed after
 * the monitor is released, so a notifier or a future's continuation may call back into the manager.
 * Timers run only through the injected {@link ServerClock}.
 */
public final class LockManager {
    private static final Logger log = LoggerFactory.getLogger(LockManager.class);

    private static final int WH = LeaseState.WRITE | LeaseState.HANDLE;

    private final ServerClock clock;
    /*
     * The config's value, not the record: Lincheck 2.39 walks this object's graph with
     * sun.misc.Unsafe, which refuses record fields (see LockManagerLincheckTest).
     */
    private volatile Duration breakTimeout;
    private final FaultPoints faults;

    /** Guarded by this. Leases and oplocks (private keys). */
    private final Map<LeaseKey, Lease> leases = new HashMap<>();
    /** Guarded by this. Holders per file, in grant order. */
    private final Map<FileId, Map<LeaseKey, Lease>> byFile = new HashMap<>();
    /** Guarded by this. */
    private final ByteRangeTable ranges = new ByteRangeTable();
    /** Guarded by this. Queued blocking lock requests per file, FIFO. */
    private final Map<FileId, Deque<QueuedLock>> lockQueues = new HashMap<>();
    /** Guarded by this. Opens registered for share-mode checks, per file. */
    private final Map<FileId, Map<Long, ShareOpen>> opens = new HashMap<>();
    /** Guarded by this. */
    private long nextOpenId = 1;
    /** Guarded by this. */
    private final Map<BreakTrigger, BreakStats> breakStats = new EnumMap<>(BreakTrigger.class);

    private final AtomicInteger breaksSent = new AtomicInteger();
    private final AtomicInteger breaksTimedOut = new AtomicInteger();

    public LockManager(ServerClock clock, LockManagerConfig config, FaultPoints faults) {
        this.clock = clock;
        this.breakTimeout = config.breakTimeout();
        this.faults = faults;
    }

    /** State of one lease or oplock. Guarded by the manager. */
    private static final class Lease {
        final LeaseKey key;
        final FileId file;
        final int version;
        final BreakNotifier notifier;
        /** For an oplock: the open; the lease models the level (BATCH=RWH, EXCLUSIVE=RW, II=R). */
        final boolean oplock;

        final long openId;

        int state;
        int epoch;
        int opens;
        boolean breaking;
        int breakTo;
        /** The lowest target any pending conflict needs; ⊆ breakTo while breaking. */
        int required;
        /** The state before the current break (oplock ack rules). */
        int breakFrom;

        ServerClock.Timer timer;
        BreakTrigger trigger;
        long breakStartNanos;
        final List<Waiter> waiters = new ArrayList<>();

        Lease(LeaseKey key, FileId file, int version, BreakNotifier notifier, boolean oplock, long openId) {
            this.key = key;
            this.file = file;
            this.version = version;
            this.notifier = notifier;
            this.oplock = oplock;
            this.openId = openId;
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

    // ------------------------------------------------------------------------------------------
    // Leases and oplocks: grants

    /**
     * Grants (or returns) a lease for a CREATE. A first open under a key gets the grantable subset
     * of what it asks; a same-key open upgrades only to a strict superset, wholly grantable, while
     * not breaking, and never downgrades ([MS-SMB2] 3.3.5.9.8, R-SMB-21). While the lease is
     * breaking, a same-key open gets the pre-ack state with {@code breakInProgress} (R-SMB-23).
     *
     * <p>Grant rules (catalog §2.2): only NONE, R, RH, RW, RWH; W only when no other holder or
     * non-stat open of another key exists; no H while a traditional oplock exists; nothing while
     * byte-range locks exist on the file (the safe default of §2.2 rule 6, open question Q1).
     *
     * @throws IllegalStateException if the key is bound to another file (the SMB adapter answers
     *     STATUS_INVALID_PARAMETER, R-SMB-10)
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
                throw new IllegalStateException("lease key " + req.key() + " is bound to " + l.file);
            }
            if (l == null) {
                l = new Lease(req.key(), req.file(), req.version(), req.notifier(), false, 0);
                l.state = grantable(req.file(), req.key(), asked, false);
                l.epoch = req.version() >= 2 ? (req.epoch() + 1) & 0xFFFF : 0;
                leases.put(req.key(), l);
                byFile.computeIfAbsent(req.file(), f -> new LinkedHashMap<>()).put(req.key(), l);
            } else if ((!l.breaking || faults.on(Fault.LEASE_UPGRADE_WHILE_BREAKING))
                    && asked != l.state
                    && (asked & l.state) == l.state
                    && grantable(req.file(), req.key(), asked, false) == asked) {
                l.state = asked;
                if (l.version >= 2) {
                    l.epoch = (l.epoch + 1) & 0xFFFF;
                }
            }
            l.opens++;
            return new LeaseGrant(l.state, l.epoch, l.breaking);
        }
    }

    /**
     * Grants a traditional oplock to one open ([MS-SMB2] 3.3.5.9, catalog §2.2): the level asked,
     * reduced to Level II when other opens or holders exist (a second open finds EXCLUSIVE/BATCH
     * already broken by its {@link BreakTrigger#OPEN} break), NONE while a lease holding H exists or
     * byte-range locks exist. A result of {@link OplockLevel#NONE} stores nothing. The caller must
     * first {@link #breakFor} what the CREATE conflicts with.
     *
     * @return the granted {@link OplockLevel}
     */
    public int requestOplock(OplockRequest req) {
        synchronized (this) {
            LeaseKey key = LeaseKey.forOplock(req.openId());
            if (leases.containsKey(key)) {
                throw new IllegalStateException("open " + req.openId() + " already holds an oplock");
            }
            int asked = OplockLevel.toState(req.requestedLevel());
            int state = grantable(req.file(), key, asked, true);
            // no H-without-W oplock: RH becomes Level II
            state = OplockLevel.toState(OplockLevel.fromState(state));
            if (state == LeaseState.NONE) {
                return OplockLevel.NONE;
            }
            Lease l = new Lease(key, req.file(), 1, req.notifier(), true, req.openId());
            l.state = state;
            l.opens = 1;
            leases.put(key, l);
            byFile.computeIfAbsent(req.file(), f -> new LinkedHashMap<>()).put(key, l);
            return OplockLevel.fromState(state);
        }
    }

    /** Caller holds this. The part of {@code asked} that can be granted beside the other holders. */
    private int grantable(FileId file, LeaseKey key, int asked, boolean forOplock) {
        int g = asked;
        for (Lease other : byFile.getOrDefault(file, Map.of()).values()) {
            if (other.key.equals(key)) {
                continue;
            }
            // another key with an open: no exclusive caching (R-SMB-17)
            g &= ~LeaseState.WRITE;
            if (other.oplock && !forOplock && other.state != LeaseState.NONE) {
                g &= ~LeaseState.HANDLE; // §2.2 rule 4
            }
            if (!other.oplock && forOplock && (other.state & LeaseState.HANDLE) != 0) {
                g = LeaseState.NONE; // §2.2 rule 5
            }
        }
        for (ShareOpen o : opens.getOrDefault(file, Map.of()).values()) {
            if (!o.isStatOpen() && !key.equals(o.holderKey())) {
                g &= ~LeaseState.WRITE;
            }
        }
        if (ranges.any(file)) {
            g = LeaseState.NONE; // §2.2 rule 6
        }
        return LeaseState.isValid(g) ? g : g & LeaseState.READ;
    }

    // ------------------------------------------------------------------------------------------
    // Breaks

    /**
     * Breaks every holder on {@code file} that conflicts with {@code trigger}, except the origin's
     * own key (but Level II oplocks break on their own open's writes and locks). The future
     * completes when every such holder has been acknowledged down to what the trigger allows,
     * closed, or forced to NONE by the break timer; at once when nothing needs waiting for.
     */
    public CompletableFuture<BreakOutcome> breakFor(FileId file, BreakTrigger trigger, BreakOrigin origin) {
        return breakFor(file, trigger, origin, false);
    }

    /**
     * {@link #breakFor(FileId, BreakTrigger, BreakOrigin)}, optionally limited to traditional
     * oplocks: an SMB open whose access is "stat" for leases but not for oplocks (READ_CONTROL,
     * R-SMB-40) breaks only oplocks.
     */
    public CompletableFuture<BreakOutcome> breakFor(
            FileId file, BreakTrigger trigger, BreakOrigin origin, boolean oplocksOnly) {
        return breakFor(file, trigger, origin, oplocksOnly, true);
    }

    /**
     * Starts the breaks {@link #breakFor(FileId, BreakTrigger, BreakOrigin)} would, for an operation
     * that goes ahead at once and never waits for them (an NFS operation under the NOTIFY policy):
     * nothing is registered as waiting. The break timer still revokes a holder that does not
     * acknowledge (R-XP-15).
     */
    public void breakWithoutWaiting(FileId file, BreakTrigger trigger, BreakOrigin origin) {
        breakFor(file, trigger, origin, false, false);
    }

    private CompletableFuture<BreakOutcome> breakFor(
            FileId file, BreakTrigger trigger, BreakOrigin origin, boolean oplocksOnly, boolean waiting) {
        Effects fx = new Effects();
        List<Waiter> waits = new ArrayList<>();
        int broken = 0;
        synchronized (this) {
            for (Lease l : List.copyOf(byFile.getOrDefault(file, Map.of()).values())) {
                if (broken > 0 && faults.on(Fault.BREAK_ONE_HOLDER_ONLY)) {
                    break;
                }
                if (oplocksOnly && !l.oplock) {
                    continue;
                }
                if (l.key.equals(origin.ownKey()) && !levelTwoBreaksOnOwnOpen(l, trigger)) {
                    continue;
                }
                int target = targetFor(l, trigger);
                if (trigger == BreakTrigger.READ && target != l.state && faults.on(Fault.READ_BREAK_DROPS_HANDLE)) {
                    target &= LeaseState.READ; // DittoFS: RWH→R, H dropped with W
                }
                if ((l.state & ~target) == 0) {
                    continue;
                }
                // what the holder holds now decides the wait: after it acked the W away (a
                // follow-up RH->R step of RWH->RH->R->NONE) it has flushed, and a WRITE need not wait
                // for an RH holder (R-SMB-80: only W holders; §2.4 WRITE row)
                boolean wait = trigger.waitsFor(l.state, l.oplock);
                broken++;
                startBreak(l, trigger, target, fx);
                if (waiting && wait && (l.state & ~target) != 0) {
                    Waiter w = new Waiter(target);
                    l.waiters.add(w);
                    waits.add(w);
                    if (l.breaking && l.timer == null) {
                        armTimer(l); // a waiter is always bounded (see NO_REVOKE_WITHOUT_WAITER)
                    }
                }
            }
        }
        fx.run();
        if (broken > 0) {
            log.info("{} {} on {}: breaking {} holder(s)", origin.protocol(), trigger, file, broken);
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

    /**
     * Ends now, as the break timer would (state NONE, waiters released as timed out), every break
     * on {@code file} that {@code trigger} from {@code origin} still waits for: what NLM does when
     * its bounded wait for the SMB holders runs out (R-XP-8). Breaks that are no longer outstanding
     * are left alone.
     */
    public void forceBreaks(FileId file, BreakTrigger trigger, BreakOrigin origin) {
        List<Lease> due = new ArrayList<>();
        synchronized (this) {
            for (Lease l : byFile.getOrDefault(file, Map.of()).values()) {
                if (l.breaking && !l.key.equals(origin.ownKey()) && (l.state & ~targetFor(l, trigger)) != 0) {
                    due.add(l);
                }
            }
        }
        for (Lease l : due) {
            timeout(l);
        }
    }

    /** Level II breaks even on writes and locks through its own open (R-SMB-33, R-SMB-34). */
    private static boolean levelTwoBreaksOnOwnOpen(Lease l, BreakTrigger trigger) {
        return l.oplock
                && l.state == LeaseState.READ
                && (trigger == BreakTrigger.WRITE || trigger == BreakTrigger.LOCK || trigger == BreakTrigger.SMB_LOCK);
    }

    /** The state a holder breaks to: an oplock only to Level II or NONE. */
    private static int targetFor(Lease l, BreakTrigger trigger) {
        int t = trigger.targetFor(l.state);
        // an oplock keeps its level or breaks to II or NONE (EXCLUSIVE on SHARING: no break)
        return l.oplock && t != l.state ? OplockLevel.breakTarget(t) & l.state : t;
    }

    /** Caller holds this. Starts (or, while breaking, tightens) the break of {@code l}. */
    private void startBreak(Lease l, BreakTrigger trigger, int target, Effects fx) {
        if (l.breaking) {
            // one notification per lease (R-SMB-24, R-SMB-58): remember the stricter need
            l.required &= target;
            return;
        }
        int current = l.state;
        if (l.version >= 2 && !faults.on(Fault.EPOCH_NOT_INCREMENTED)) {
            l.epoch = (l.epoch + 1) & 0xFFFF; // §2.7: a break started from a non-breaking lease
        }
        l.trigger = trigger;
        l.breakStartNanos = clock.nanoTime();
        l.breakFrom = current;
        sendBreak(l, current, target, fx);
    }

    /**
     * Caller holds this. Sends one break from {@code current} to {@code target} and applies its
     * immediate effect: with W or H held the lease goes Breaking with a timer; otherwise it takes
     * the target at once (§2.5).
     */
    private void sendBreak(Lease l, int current, int target, Effects fx) {
        boolean ackRequired = (current & WH) != 0 || (!l.oplock && faults.on(Fault.ACK_REQUIRED_ALWAYS));
        BreakTrigger trigger = l.trigger;
        if (ackRequired) {
            l.breaking = true;
            l.breakTo = target;
            l.required = target;
            armTimer(l);
        } else {
            l.state = target;
            finishBreak(l, false);
            wake(l, false, fx);
        }
        breaksSent.incrementAndGet();
        if (faults.on(Fault.DROP_BREAK_NOTIFICATION)) {
            log.warn("fault DROP_BREAK_NOTIFICATION: not sending break of {}", l.key);
            return;
        }
        BreakNotifier n = l.notifier;
        if (l.oplock) {
            OplockBreakNotice notice = new OplockBreakNotice(
                    l.openId,
                    l.file,
                    OplockLevel.fromState(current),
                    OplockLevel.fromState(target),
                    ackRequired,
                    trigger);
            fx.actions.add(() -> n.oplockBreak(notice));
        } else {
            LeaseBreakNotice notice =
                    new LeaseBreakNotice(l.key, l.file, current, target, l.epoch, ackRequired, trigger);
            fx.actions.add(() -> n.leaseBreak(notice));
        }
    }

    /** Caller holds this. */
    private void armTimer(Lease l) {
        Duration timeout = faults.on(Fault.BREAK_TIMER_EARLY) ? Duration.ZERO : breakTimeout;
        if (l.timer != null) {
            l.timer.cancel();
        }
        Lease target = l;
        l.timer = clock.schedule(timeout, () -> timeout(target));
    }

    private void timeout(Lease l) {
        Effects fx = new Effects();
        synchronized (this) {
            if (!l.breaking || leases.get(l.key) != l) {
                return;
            }
            if (l.waiters.isEmpty() && faults.on(Fault.NO_REVOKE_WITHOUT_WAITER)) {
                log.warn("fault NO_REVOKE_WITHOUT_WAITER: break of {} timed out with no waiter, kept", l.key);
                l.timer = null; // the next operation that waits arms a new one (breakFor)
                return;
            }
            log.info("break of {} on {} timed out: forcing NONE", l.key, l.file);
            forceNone(l, fx);
        }
        fx.run();
    }

    /** Caller holds this. Ends {@code l}'s break as timed out: the lease is NONE, its waiters resume. */
    private void forceNone(Lease l, Effects fx) {
        breaksTimedOut.incrementAndGet();
        l.breaking = false;
        if (l.timer != null) {
            l.timer.cancel();
        }
        l.timer = null;
        l.state = LeaseState.NONE; // §2.8: NONE, not BreakTo
        finishBreak(l, true);
        wake(l, true, fx);
    }

    /**
     * Ends every break still outstanding on {@code file} as if its timer had fired: each such lease
     * is NONE from now on, and a late ack is refused. An NLM LOCK that waited its bound for the
     * breaks it started calls this before it takes the lock (R-XP-8: "on timeout the lease is forced
     * to None and the lock is still GRANTED"), so that no lease keeps caching beside the lock.
     */
    public void forceBreaks(FileId file) {
        Effects fx = new Effects();
        synchronized (this) {
            for (Lease l : List.copyOf(byFile.getOrDefault(file, Map.of()).values())) {
                if (l.breaking) {
                    log.info("break of {} on {} forced to NONE by a waiter whose bound ran out", l.key, l.file);
                    forceNone(l, fx);
                }
            }
        }
        fx.run();
    }

    /** Caller holds this. Records the duration of a break that has ended. */
    private void finishBreak(Lease l, boolean byTimeout) {
        if (l.trigger == null) {
            return;
        }
        long nanos = clock.nanoTime() - l.breakStartNanos;
        breakStats.merge(
                l.trigger, new BreakStats(0, 0, 0, 0).plus(nanos, byTimeout), (a, b) -> a.plus(nanos, byTimeout));
        l.trigger = null;
    }

    /**
     * Caller holds this. Completes the waiters {@code l} now satisfies. While a (follow-up) break is
     * outstanding nobody is woken: every operation queued on the lease waits until the step sequence
     * has ended (`breaking3`: the first open stays pending through RH→R→NONE).
     */
    private void wake(Lease l, boolean byTimeout, Effects fx) {
        if (l.breaking) {
            return;
        }
        for (Iterator<Waiter> it = l.waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if ((l.state & ~w.allowed) == 0) {
                it.remove();
                fx.actions.add(() -> w.done.complete(byTimeout));
            }
        }
    }

    /**
     * Caller holds this. After an accepted ack: if the state still exceeds what pending conflicts
     * need, send a follow-up break at once, stepping through R when W or H is still held, without
     * an epoch bump (§2.5, R-SMB-57); otherwise the break is over.
     */
    private void afterAck(Lease l, Effects fx) {
        if ((l.state & ~l.required) == 0) {
            finishBreak(l, false);
            wake(l, false, fx);
            return;
        }
        int s = l.state;
        int next = (s & WH) != 0 ? (l.required | LeaseState.READ) & s : l.required;
        if (l.oplock) {
            next = OplockLevel.breakTarget(next) & s;
        }
        int required = l.required;
        sendBreak(l, s, next, fx);
        l.required = required & l.required;
        wake(l, false, fx);
    }

    /** Processes a lease break acknowledgement ([MS-SMB2] 3.3.5.22.2, catalog §2.6). */
    public AckResult acknowledge(LeaseKey key, int ackState) {
        Effects fx = new Effects();
        AckResult r;
        synchronized (this) {
            Lease l = leases.get(key);
            if (l == null || l.oplock) {
                r = AckResult.NO_SUCH_LEASE;
            } else if (!l.breaking) {
                r = AckResult.NOT_BREAKING;
            } else if ((ackState & ~l.breakTo) != 0) {
                r = AckResult.STATE_NOT_ALLOWED; // stays Breaking
            } else if (faults.on(Fault.IGNORE_BREAK_ACK)) {
                log.warn("fault IGNORE_BREAK_ACK: ignoring ack of {}", key);
                r = AckResult.OK;
            } else {
                r = AckResult.OK;
                endBreaking(l);
                l.state = ackState; // a lower state than offered is fine (R-SMB-53)
                afterAck(l, fx);
            }
        }
        fx.run();
        return r;
    }

    /**
     * Processes an oplock break acknowledgement ([MS-SMB2] 3.3.5.22.1, catalog §2.6, R-SMB-55/56).
     * The result level is never above the notified level.
     */
    public OplockAck acknowledgeOplock(long openId, int ackLevel) {
        Effects fx = new Effects();
        OplockAck r;
        synchronized (this) {
            Lease l = leases.get(LeaseKey.forOplock(openId));
            if (l == null) {
                r = new OplockAck(OplockAck.Status.NO_SUCH_OPLOCK, OplockLevel.NONE);
            } else if (!l.breaking) {
                r = new OplockAck(OplockAck.Status.NOT_BREAKING, OplockLevel.fromState(l.state));
            } else if (faults.on(Fault.IGNORE_BREAK_ACK)) {
                log.warn("fault IGNORE_BREAK_ACK: ignoring oplock ack of open {}", openId);
                r = new OplockAck(OplockAck.Status.OK, OplockLevel.fromState(l.breakTo));
            } else {
                OplockAck.Status status;
                int newState;
                if (ackLevel == OplockLevel.LEASE) {
                    status = OplockAck.Status.INVALID_PARAMETER;
                    newState = LeaseState.NONE;
                } else if (ackLevel != OplockLevel.LEVEL_II && ackLevel != OplockLevel.NONE) {
                    status = OplockAck.Status.INVALID_OPLOCK_PROTOCOL;
                    newState = LeaseState.NONE;
                } else {
                    status = OplockAck.Status.OK;
                    newState = OplockLevel.toState(ackLevel) & l.breakTo;
                }
                endBreaking(l);
                l.state = newState;
                if (status == OplockAck.Status.OK) {
                    afterAck(l, fx);
                } else {
                    finishBreak(l, false);
                    wake(l, false, fx);
                }
                // the response carries the acknowledged level; a follow-up II→NONE is a new notice
                r = new OplockAck(status, OplockLevel.fromState(newState));
            }
        }
        fx.run();
        return r;
    }

    /** Caller holds this. */
    private static void endBreaking(Lease l) {
        l.breaking = false;
        if (l.timer != null) {
            l.timer.cancel();
            l.timer = null;
        }
    }

    /** Drops one open of a lease; the lease ends with its last open, releasing its waiters (R-SMB-69). */
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
            endBreaking(l);
            l.state = LeaseState.NONE;
            finishBreak(l, false);
            wake(l, false, fx);
        }
        fx.run();
    }

    /** Drops the oplock of a closing open, releasing its waiters. */
    public void releaseOplock(long openId) {
        releaseLeaseOpen(LeaseKey.forOplock(openId));
    }

    // ------------------------------------------------------------------------------------------
    // Views and counters

    /** A read-only view of one lease (or, under its private key, one oplock as a lease state). */
    public record LeaseView(
            LeaseKey key, FileId file, int state, int epoch, boolean breaking, int breakTo, int opens) {}

    private static LeaseView view(Lease l) {
        return new LeaseView(l.key, l.file, l.state, l.epoch, l.breaking, l.breakTo, l.opens);
    }

    public synchronized Optional<LeaseView> lease(LeaseKey key) {
        Lease l = leases.get(key);
        return l == null ? Optional.empty() : Optional.of(view(l));
    }

    /** Every lease and oplock on a file, in grant order. */
    public synchronized List<LeaseView> leasesOn(FileId file) {
        List<LeaseView> out = new ArrayList<>();
        for (Lease l : byFile.getOrDefault(file, Map.of()).values()) {
            out.add(view(l));
        }
        return out;
    }

    /**
     * The oplock of an open.
     *
     * @param level the {@link OplockLevel} held now (the pre-ack level while breaking)
     * @param breaking whether a break awaits an ack
     * @param breakTo the notified level while breaking
     */
    public record OplockView(long openId, FileId file, int level, boolean breaking, int breakTo) {}

    public synchronized Optional<OplockView> oplock(long openId) {
        Lease l = leases.get(LeaseKey.forOplock(openId));
        return l == null
                ? Optional.empty()
                : Optional.of(new OplockView(
                        openId,
                        l.file,
                        OplockLevel.fromState(l.state),
                        l.breaking,
                        l.breaking ? OplockLevel.fromState(l.breakTo) : OplockLevel.NONE));
    }

    /** Breaks sent since start (counter for tests and metrics), follow-up breaks included. */
    public int breaksSent() {
        return breaksSent.get();
    }

    /** Breaks that ended at the timeout. */
    public int breaksTimedOut() {
        return breaksTimedOut.get();
    }

    /** Durations of finished breaks per trigger (R-XP-13). */
    public synchronized Map<BreakTrigger, BreakStats> breakStats() {
        return Map.copyOf(breakStats);
    }

    public LockManagerConfig config() {
        return new LockManagerConfig(breakTimeout);
    }

    /**
     * Changes the break timeout for breaks started from now on; breaks already in progress keep the
     * timer they were given (the admin endpoint uses this so that a scenario can ask a running
     * server for a short timeout, as an embedded target restarts for one).
     */
    public void setBreakTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("break timeout must be positive, got " + timeout);
        }
        this.breakTimeout = timeout;
    }

    /** Every lease and oplock held now, in no particular order (the admin endpoint's lease table). */
    public synchronized List<LeaseView> leases() {
        List<LeaseView> out = new ArrayList<>();
        for (Lease l : leases.values()) {
            out.add(view(l));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Byte-range locks

    /**
     * The first lock of another owner that would conflict with the request (NLM TEST, R-NLM-3).
     * Never acquires anything and never breaks a lease.
     */
    public synchronized Optional<ByteRangeLock> testLock(
            FileId file, LockOwner owner, ByteRange range, boolean exclusive) {
        return lockConflict(file, owner, range, exclusive);
    }

    /**
     * Caller holds this. The first lock of another owner that a lock request conflicts with: SMB and
     * NLM share one table (R-XP-10), unless {@link Fault#SEPARATE_LOCK_TABLES} hides the other
     * protocol's locks.
     */
    private Optional<ByteRangeLock> lockConflict(FileId file, LockOwner owner, ByteRange range, boolean exclusive) {
        boolean ownProtocolOnly = faults.on(Fault.SEPARATE_LOCK_TABLES);
        return ranges.conflict(file, owner, range, exclusive, l -> !ownProtocolOnly || sameProtocol(l.owner(), owner));
    }

    private static boolean sameProtocol(LockOwner a, LockOwner b) {
        return a.protocol().equals(b.protocol());
    }

    /**
     * Takes a lock if no other owner holds a conflicting one. The same owner may lock over its own
     * locks: the overlap takes the new type, and locks of one type that overlap or touch merge
     * (POSIX; re-sending an identical request is GRANTED, R-NLM-5). Does not break leases: the
     * adapter calls {@link #breakFor} with {@link BreakTrigger#LOCK} first.
     */
    public LockResult lock(FileId file, LockOwner owner, ByteRange range, boolean exclusive) {
        Effects fx = new Effects();
        LockResult r;
        synchronized (this) {
            Optional<ByteRangeLock> c = lockConflict(file, owner, range, exclusive);
            if (c.isPresent()) {
                r = new LockResult.Denied(c.get());
            } else {
                r = new LockResult.Granted(ranges.insert(file, owner, range, exclusive));
                // a downgrade of the owner's own lock may let a queued request in
                grantQueued(file, owner.protocol(), fx);
            }
        }
        fx.run();
        return r;
    }

    /**
     * Releases the owner's locks over {@code range}, splitting locks that extend beyond it (R-NLM-7).
     * Unlocking what is not held is not an error. An owner with {@link LockOwner#ntSemantics()}
     * releases only the one lock on exactly {@code range} ([MS-FSA] 2.1.5.9; false when it holds
     * none: the SMB adapter answers STATUS_RANGE_NOT_LOCKED). Queued requests that now fit are
     * granted.
     *
     * @return true if any lock changed
     */
    public boolean unlock(FileId file, LockOwner owner, ByteRange range) {
        Effects fx = new Effects();
        boolean changed;
        synchronized (this) {
            changed = owner.ntSemantics()
                    ? ranges.removeExact(file, owner, range)
                    : ranges.remove(file, owner, range, !faults.on(Fault.UNLOCK_NO_SPLIT));
            if (changed) {
                grantQueued(file, owner.protocol(), fx);
            }
        }
        fx.run();
        return changed;
    }

    /**
     * Releases every lock and cancels every queued request of the owners matching {@code which}
     * (SMB CLOSE of an open, NLM FREE_ALL / crash recovery: R-NLM-10), waking waiters on every
     * file that changed (R-XP-10: a release through SMB CLOSE wakes an NLM waiter).
     */
    public void releaseLocks(Predicate<LockOwner> which) {
        Effects fx = new Effects();
        synchronized (this) {
            // the file and the protocol of the released locks (an SMB CLOSE, an NLM FREE_ALL)
            Map<FileId, String> changed = new LinkedHashMap<>();
            for (ByteRangeLock l : ranges.removeAll(x -> which.test(x.owner()))) {
                changed.put(l.file(), l.owner().protocol());
            }
            for (Iterator<Map.Entry<FileId, Deque<QueuedLock>>> it =
                            lockQueues.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<FileId, Deque<QueuedLock>> e = it.next();
                for (Iterator<QueuedLock> q = e.getValue().iterator(); q.hasNext(); ) {
                    QueuedLock ql = q.next();
                    if (which.test(ql.owner)) {
                        q.remove();
                        fx.actions.add(() -> ql.future.cancel(false));
                    }
                }
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            }
            changed.forEach((f, protocol) -> grantQueued(f, protocol, fx));
        }
        fx.run();
    }

    /** Locks held on a file, ordered by offset. */
    public synchronized List<ByteRangeLock> locksOn(FileId file) {
        return ranges.on(file);
    }

    /**
     * For mandatory SMB I/O checks (R-XP-10): the lock that forbids reading ({@code write} false: an
     * exclusive lock of another owner) or writing ({@code write} true: any lock of another owner, and
     * a shared lock of the writer itself, [MS-FSA] 2.1.4.10) {@code range}.
     */
    public synchronized Optional<ByteRangeLock> ioConflict(
            FileId file, LockOwner owner, ByteRange range, boolean write) {
        boolean ownProtocolOnly = faults.on(Fault.SMB_IO_IGNORES_NLM_LOCKS);
        Optional<ByteRangeLock> other =
                ranges.conflict(file, owner, range, write, l -> !ownProtocolOnly || sameProtocol(l.owner(), owner));
        if (other.isPresent() || !write) {
            return other;
        }
        // a shared lock keeps the range read-only for everyone, its owner included ([MS-FSA] 2.1.4.10)
        return ranges.ownShared(file, owner, range);
    }

    /** A blocking lock request: granted now, or queued until the conflicting locks go away. */
    public interface PendingLock {
        /**
         * Completes with the granted lock; completes at once when there was no conflict; is
         * cancelled by {@link #cancel} or when the owner's locks are released.
         */
        CompletableFuture<ByteRangeLock> granted();

        /** The lock that conflicted when the request was queued; empty if granted at once. */
        Optional<ByteRangeLock> blockedBy();

        /** Withdraws a queued request (NLM CANCEL); false if it was already granted or cancelled. */
        boolean cancel();
    }

    private final class QueuedLock implements PendingLock {
        final FileId file;
        final LockOwner owner;
        final ByteRange range;
        final boolean exclusive;
        final ByteRangeLock blocker;
        final CompletableFuture<ByteRangeLock> future = new CompletableFuture<>();

        QueuedLock(FileId file, LockOwner owner, ByteRange range, boolean exclusive, ByteRangeLock blocker) {
            this.file = file;
            this.owner = owner;
            this.range = range;
            this.exclusive = exclusive;
            this.blocker = blocker;
        }

        @Override
        public CompletableFuture<ByteRangeLock> granted() {
            return future;
        }

        @Override
        public Optional<ByteRangeLock> blockedBy() {
            return Optional.ofNullable(blocker);
        }

        @Override
        public boolean cancel() {
            synchronized (LockManager.this) {
                Deque<QueuedLock> q = lockQueues.get(file);
                if (q == null || !q.remove(this)) {
                    return false;
                }
                if (q.isEmpty()) {
                    lockQueues.remove(file);
                }
            }
            return future.cancel(false);
        }
    }

    /**
     * Takes the lock, or queues the request and returns a future that completes when the manager
     * has taken the lock on the owner's behalf (NLM blocking LOCK → BLOCKED, then GRANTED callback,
     * R-NLM-4). No polling: every unlock or release re-examines the queue of that file.
     */
    public PendingLock lockOrQueue(FileId file, LockOwner owner, ByteRange range, boolean exclusive) {
        synchronized (this) {
            Optional<ByteRangeLock> c = lockConflict(file, owner, range, exclusive);
            QueuedLock q = new QueuedLock(file, owner, range, exclusive, c.orElse(null));
            if (c.isEmpty()) {
                q.future.complete(ranges.insert(file, owner, range, exclusive));
            } else {
                lockQueues.computeIfAbsent(file, f -> new ArrayDeque<>()).add(q);
            }
            return q;
        }
    }

    /** Number of queued blocking requests on a file (for a per-file limit such as R-NLM-11). */
    public synchronized int queuedLocks(FileId file) {
        Deque<QueuedLock> q = lockQueues.get(file);
        return q == null ? 0 : q.size();
    }

    /**
     * Caller holds this. Grants queued requests of {@code file} that now fit, in FIFO order, after a
     * release (or downgrade) by an owner of protocol {@code releasedBy}: any release wakes every
     * waiter (R-XP-10), unless {@link Fault#NLM_WAITER_NOT_WOKEN_BY_SMB} skips NLM waiters on an SMB
     * release.
     */
    private void grantQueued(FileId file, String releasedBy, Effects fx) {
        Deque<QueuedLock> q = lockQueues.get(file);
        if (q == null) {
            return;
        }
        boolean skipNlm = "smb".equals(releasedBy) && faults.on(Fault.NLM_WAITER_NOT_WOKEN_BY_SMB);
        for (Iterator<QueuedLock> it = q.iterator(); it.hasNext(); ) {
            QueuedLock ql = it.next();
            if (skipNlm && "nlm".equals(ql.owner.protocol())) {
                continue;
            }
            if (lockConflict(file, ql.owner, ql.range, ql.exclusive).isEmpty()) {
                it.remove();
                ByteRangeLock got = ranges.insert(file, ql.owner, ql.range, ql.exclusive);
                fx.actions.add(() -> ql.future.complete(got));
            }
        }
        if (q.isEmpty()) {
            lockQueues.remove(file);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Share modes

    /**
     * Registers an open after checking share modes against every open of the file ([MS-FSA]
     * 2.1.5.1.2.1). Does not break anything: an SMB adapter first breaks H with {@link
     * BreakTrigger#SHARING} when {@link #checkShare} fails and a holder has H (R-SMB-31), then
     * calls this.
     *
     * @param holderKey see {@link ShareOpen#holderKey()}
     */
    public synchronized ShareResult openShared(FileId file, int access, int shareAccess, LeaseKey holderKey) {
        Optional<ShareOpen> c = shareConflict(file, access, shareAccess);
        if (c.isPresent()) {
            return new ShareResult.SharingViolation(c.get());
        }
        ShareOpen o = new ShareOpen(nextOpenId++, file, access, shareAccess, holderKey);
        opens.computeIfAbsent(file, f -> new LinkedHashMap<>()).put(o.openId(), o);
        return new ShareResult.Granted(o);
    }

    /** The open that an open with these modes would conflict with, without registering anything. */
    public synchronized Optional<ShareOpen> checkShare(FileId file, int access, int shareAccess) {
        return shareConflict(file, access, shareAccess);
    }

    private Optional<ShareOpen> shareConflict(FileId file, int access, int shareAccess) {
        for (ShareOpen o : opens.getOrDefault(file, Map.of()).values()) {
            if (!ShareMode.compatible(o.access(), o.shareAccess(), access, shareAccess)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Unregisters an open; false if it was not registered. */
    public synchronized boolean closeShared(ShareOpen open) {
        Map<Long, ShareOpen> m = opens.get(open.file());
        if (m == null || m.remove(open.openId()) == null) {
            return false;
        }
        if (m.isEmpty()) {
            opens.remove(open.file());
        }
        return true;
    }

    /** Opens registered on a file. */
    public synchronized List<ShareOpen> opensOn(FileId file) {
        return List.copyOf(opens.getOrDefault(file, Map.of()).values());
    }
}
