package io.interlock.scenarios.engine;

import io.interlock.reports.Baseline;
import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.checks.Linearizability;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.model.BreakPolicy;
import io.interlock.scenarios.model.CheckResult;
import io.interlock.scenarios.model.ModelConfig;
import io.interlock.scenarios.model.Violation;
import io.interlock.scenarios.model.Window;
import io.interlock.scenarios.model.WindowChecker;
import io.interlock.scenarios.ops.BreakDetail;
import io.interlock.scenarios.ops.OpResult;
import io.interlock.scenarios.ops.SmbOpenOp;
import io.interlock.scenarios.ops.Step;
import io.interlock.scenarios.proxy.Direction;
import io.interlock.scenarios.proxy.Frame;
import io.interlock.scenarios.proxy.FrameListener;
import io.interlock.scenarios.proxy.PcapWriter;
import io.interlock.scenarios.proxy.WireProxy;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one program against one target: connects the clients, drives them through the
 * program's steps under the scheduler's decisions, records the history, and checks it.
 *
 * <p>The scheduler loop: wait until every lane (client thread) is idle or blocked on the network;
 * run due timers; collect the actions that are possible now (start a step whose turn it is; let a
 * client handle a break that is due); take one, as the {@link Schedule} decides; when none is
 * possible, move time to the next timer (virtual time: at once; real time: wait for it or for
 * anything to happen); when nothing can ever happen again and steps are unfinished, the program
 * hangs, which is a failure of its own.
 */
final class ProgramRun implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgramRun.class);
    /** The content check's one line per run (its cost included), apart from the scheduler's chatter. */
    private static final Logger CONTENT_LOG = LoggerFactory.getLogger(ContentHistory.class);

    static final String ENGINE = "engine";
    private static final String CHECK = "check";
    /** How long real-time waits sleep at most before looking again (conditions that nobody signals). */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Scenario program;
    private final Target target;
    private final long seed;
    private final Schedule schedule;
    private final boolean failFast;
    private final Lanes lanes = new Lanes();
    private final History history;
    private final ProgramClients clients;
    private final Map<String, StepState> steps = new LinkedHashMap<>();
    /** Client -> when its next break handling falls due; by name, the order enabled() lists them. */
    private final Map<String, Deque<Long>> reactionsDue = new TreeMap<>(); // guarded by this

    private final List<String> failures = new ArrayList<>(); // guarded by itself
    private final List<Condition> conditions = new ArrayList<>(); // guarded by itself
    private RunClock clock;
    private TargetSetup setup;
    private Lockstep lockstep;
    private WireWatch watch;
    private Duration watchQuiet;
    private ModelWindows windows;
    private volatile long decision;
    private final Map<String, Step> running = new ConcurrentHashMap<>(); // lane -> step
    private final List<Violation> violations = new ArrayList<>();
    private String modelNote;
    private String repro;
    private ModelConfig modelConfig;
    private volatile String skipped;
    private Path pcapPath;
    private PcapWriter pcap;

    /** What happened to one step. */
    static final class StepState {
        final Step step;
        volatile boolean started;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** The model's request id of a step that reaches the server past the proxy, else 0. */
        volatile long req;
        /** The history index of its INVOKE, -1 before. */
        volatile long invoked = -1;

        StepState(Step step) {
            this.step = step;
        }
    }

    /** A wait that nobody signals (the server's lease table): re-checked after every decision. */
    record Condition(BooleanSupplier test, CompletableFuture<Void> done) {}

    ProgramRun(Scenario program, Target target, long seed, Schedule schedule, boolean failFast) {
        this(program, target, seed, schedule, failFast, seed * 31 + program.id().hashCode());
    }

    /**
     * @param seed the run's seed, as reported
     * @param valueSeed where the clients' made-up values come from (GUIDs, lease keys, xids): a
     *     replay must pass the same as the run it replays
     */
    ProgramRun(Scenario program, Target target, long seed, Schedule schedule, boolean failFast, long valueSeed) {
        this.program = program;
        this.target = target;
        this.seed = seed;
        this.schedule = schedule;
        this.failFast = failFast;
        this.history = new History(seed);
        this.clients = new ProgramClients(program, lanes, history, valueSeed);
        for (Step s : program.steps()) {
            steps.put(s.id(), new StepState(s));
        }
    }

    /**
     * Writes what passes the wire proxy to a pcap file at {@code path} (lockstep and watched runs:
     * the catalog on other targets has no proxy), stamped with the engine's clock (virtual time on
     * the embedded target).
     */
    void pcap(Path path) {
        this.pcapPath = path;
    }

    /**
     * On a target the engine cannot put in lockstep, routes the clients through a {@link WireWatch}
     * anyway, so that the reference model judges every frame, and settles by quiescence: no byte
     * through the proxy for {@code quiet} (null: no proxy, lanes quiet only, as the catalog runs).
     */
    void watch(Duration quiet) {
        this.watchQuiet = quiet;
    }

    ScenarioResult execute() {
        long t0 = System.nanoTime();
        try {
            setup = target.setup(program.server());
        } catch (IOException | RuntimeException e) {
            return result(Verdict.ERROR, "cannot prepare the target: " + e, t0);
        }
        Optional<String> skip = setup.skipReason().or(this::skipReason);
        if (skip.isPresent()) {
            return result(Verdict.SKIPPED, skip.get(), t0);
        }
        clock = new RunClock(
                setup.virtualClock().<EngineClock>map(VirtualEngineClock::new).orElseGet(RealEngineClock::new));
        modelConfig = ModelSetup.config(program, setup);
        history.clock(clock::nanos);
        TargetSetup clientsSee = setup;
        try {
            // the clients reach the target through a proxy: holding every frame (lockstep) or watching
            WireProxy proxy = null;
            if (setup.probe().isPresent() && setup.virtualClock().isPresent()) {
                lockstep =
                        new Lockstep(setup.probe().get(), setup.virtualClock().get(), lanes);
                clientsSee = lockstep.route(setup);
                proxy = lockstep.proxy();
            } else if (watchQuiet != null) {
                watch = new WireWatch(lanes, watchQuiet, System::nanoTime);
                clientsSee = watch.route(setup);
                proxy = watch.proxy();
            }
            if (proxy != null && pcapPath != null) {
                EngineClock c = clock;
                pcap = new PcapWriter(Files.newOutputStream(pcapPath), c::nanos, System.currentTimeMillis() * 1000);
                proxy.addListener(pcap);
            }
        } catch (IOException e) {
            return result(Verdict.ERROR, "cannot route the target through the wire proxy: " + e, t0);
        }
        record(
                ENGINE,
                EventKind.INFO,
                "scenario.start",
                program.id() + " seed=" + seed + (program.server().isEmpty() ? "" : " server=" + program.server()),
                null);
        try {
            if (lockstep != null) {
                windows = new ModelWindows(lockstep::owner, clock.nanos());
                lockstep.proxy().addListener(new FrameListener() {
                    @Override
                    public void arrived(Frame f) {
                        windows.arrived(f);
                    }
                });
            } else if (watch != null) {
                windows = new ModelWindows(
                        watch::owner,
                        clock.nanos(),
                        clock::nanos,
                        watch.patience().toNanos(),
                        setup.paths());
                watch.proxy().addListener(new FrameListener() {
                    @Override
                    public void arrived(Frame f) {
                        passed(f);
                    }
                });
            }
            long tc = System.nanoTime();
            clients.connect(clientsSee, this::onBreak, this::connected, this::backoff);
            phases.append(" connect=").append((System.nanoTime() - tc) / 1_000_000);
            lanes.connecting(ENGINE);
            clients.captureBaseline(program);
            if (lockstep != null) {
                windows.begin();
                lockstep.hold();
            } else if (watch != null) {
                windows.begin();
            }
            long td = System.nanoTime();
            try {
                drive();
                phases.append(" drive=")
                        .append((System.nanoTime() - td) / 1_000_000)
                        .append(" decisions=")
                        .append(decision);
            } finally {
                if (lockstep != null) {
                    lockstep.release();
                }
            }
            long tm = System.nanoTime();
            if (windows != null) {
                checkModel();
                phases.append(" model=").append((System.nanoTime() - tm) / 1_000_000);
                tm = System.nanoTime();
                checkContents();
                phases.append(" contents=").append(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - tm) / 1e6));
            }
            if (skipped != null) {
                return result(Verdict.SKIPPED, skipped, t0);
            }
            if (failFast && hasFailures()) {
                record(ENGINE, EventKind.INFO, "fail-fast", "remaining steps and checks skipped", null);
                return result(Verdict.FAIL, String.join("; ", failures), t0);
            }
            // the engine's own reads below may break leases (an NFS READ strips W): from here on,
            // breaks are not the program's doing and no-break expectations ignore them
            record(ENGINE, EventKind.INFO, Checks.CHECKS_START, "reading for content checks", null);
            clients.readForContentChecks(program, setup);
        } catch (ScenarioSkip e) {
            record(ENGINE, EventKind.INFO, "skip", e.getMessage(), null);
            return result(Verdict.SKIPPED, e.getMessage(), t0);
        } catch (ScenarioError e) {
            record(ENGINE, EventKind.FAIL, "scenario", e.getMessage(), null);
            return result(Verdict.ERROR, e.getMessage(), t0);
        } catch (IOException | RuntimeException e) {
            record(ENGINE, EventKind.FAIL, "scenario", String.valueOf(e), null);
            log.debug("harness error", e);
            return result(Verdict.ERROR, "harness error: " + e, t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(Verdict.ERROR, "interrupted", t0);
        }
        phases.append(" total=").append((System.nanoTime() - t0) / 1_000_000);
        log.debug("{} phases (ms):{}", program.id(), phases);
        return verdict(t0);
    }

    private final StringBuilder phases = new StringBuilder();

    private Optional<String> skipReason() {
        if (program.uses(ClientSpec.SMB) && setup.smb().isEmpty()) {
            return Optional.of("target offers no SMB");
        }
        if (program.uses(ClientSpec.NFS) || program.uses(ClientSpec.NLM)) {
            if (setup.nfs().isEmpty()) {
                return Optional.of("target offers no NFS");
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------
    // The scheduler loop

    private void drive() throws InterruptedException {
        long quietUntil = Long.MIN_VALUE;
        if (lockstep != null) {
            // what the run starts with: timers another run left on the shared clock would move time
            OptionalLong first = clock.nextDue();
            decisions.add("0 start: " + lockstep.clock().pendingTimers() + " timers pending"
                    + (first.isPresent() ? ", next in " + fmt(first.getAsLong() - clock.nanos()) : ""));
        }

        while (skipped == null) {
            settle();
            if (clock.runDue() | checkConditions()) {
                // what they woke must run before the next decision; a server timer (a break timer
                // due at once) may have left a reply queued on an event loop: drain them too
                serverTouched = true;
                continue;
            }
            if (failFast && hasFailures()) {
                return;
            }
            List<Action> actions = enabled();
            if (!actions.isEmpty()) {
                int chosen = actions.size() == 1 ? 0 : schedule.choose(actions);
                decision++;
                trace(chosen, actions);
                actions.get(chosen).perform();
                continue;
            }
            if (allDone() && !reactionsPending()) {
                if (quietUntil == Long.MIN_VALUE) {
                    quietUntil = clock.nanos() + quietWindow().toNanos();
                    if (quietUntil != clock.nanos()) {
                        clock.schedule(quietWindow().toNanos(), lanes::bump);
                    }
                }
                if (clock.nanos() - quietUntil >= 0) {
                    return;
                }
            }
            OptionalLong next = clock.nextDue();
            if (clock.isVirtual()) {
                if (next.isPresent()) {
                    long from = clock.nanos();
                    decision++;
                    if (windows != null) {
                        windows.timePasses(decision, next.getAsLong());
                    }
                    serverTouched = true;
                    decisions.add(decision + " time +" + fmt(next.getAsLong() - from));
                    clock.advanceTo(next.getAsLong());
                    record(ENGINE, EventKind.INFO, "time", "virtual time +" + fmt(next.getAsLong() - from), null);
                    continue;
                }
                hang();
                return;
            }
            // real time: wait for anything to happen, or for the next timer. No hang is declared
            // here: a real-time target may answer on its own, so only the step timeouts end a wait
            long wait = next.isPresent() ? Math.max(0, next.getAsLong() - clock.nanos()) : POLL_NANOS;
            long seen = lanes.version();
            if (wait > 0) {
                lanes.awaitChange(seen, Math.min(wait, POLL_NANOS));
            }
        }
    }

    /**
     * Waits until every lane is idle or blocked on something not yet there; in lockstep, until the
     * wire and the server are quiet too ({@link Lockstep#quiet}).
     */
    private void settle() throws InterruptedException {
        if (watch != null) {
            settleWatched();
            return;
        }
        if (lockstep == null) {
            long seen = lanes.version();
            while (!lanes.quiet()) {
                seen = lanes.awaitChange(seen, POLL_NANOS);
            }
            return;
        }
        long limit = System.nanoTime() + Lockstep.SETTLE_LIMIT.toNanos();
        StringBuilder why = new StringBuilder();
        while (true) {
            long seen = lanes.version();
            if (lockstep.quiet(why, serverTouched) && lanes.version() == seen) {
                serverTouched = false;
                if (windows != null) {
                    windows.grants(clients.grants());
                }
                return;
            }
            if (System.nanoTime() - limit > 0) {
                throw new ScenarioError("the system did not settle within " + Lockstep.SETTLE_LIMIT + ": " + why
                        + lanes.runningStacks());
            }
            if (log.isDebugEnabled()) {
                log.debug("not settled: {}", why);
            }
            long before = System.nanoTime();
            lanes.awaitChange(seen, POLL_NANOS);
            if (System.nanoTime() - before >= POLL_NANOS) {
                slowSettles++;
                if (log.isDebugEnabled()) {
                    log.debug("settle waited a whole poll: {}{}", why, lanes.runningStacks());
                }
            }
        }
    }

    private int slowSettles;

    /**
     * Settles a watched run ({@link WireWatch#quiet}): the server's work is invisible, so quiet is
     * every lane idle or blocked and no byte through the proxy for the quiet period.
     */
    private void settleWatched() throws InterruptedException {
        StringBuilder why = new StringBuilder();
        long limit = System.nanoTime() + Lockstep.SETTLE_LIMIT.toNanos();
        while (true) {
            long seen = lanes.version();
            long left = watch.quiet(why);
            if (left == 0 && lanes.version() == seen) {
                windows.grants(decision, clients.grants());
                return;
            }
            if (System.nanoTime() - limit > 0) {
                // a server that keeps talking (a chatty keepalive) never goes quiet: go on, and say so
                record(
                        ENGINE,
                        EventKind.INFO,
                        "settle",
                        "not quiet within " + Lockstep.SETTLE_LIMIT + ": " + why,
                        null);
                return;
            }
            lanes.awaitChange(seen, Math.max(1, Math.min(left, POLL_NANOS)));
        }
    }

    /** A frame passed the watch's proxy (under its lock, before it is forwarded). */
    private void passed(Frame f) {
        String owner = watch.owner(f.connection());
        Step s = f.direction() == Direction.TO_SERVER ? running.get(owner) : null;
        String hint = s != null && s.op() instanceof SmbOpenOp o ? o.handleName() : null;
        windows.passed(decision, f, hint);
        record(
                owner,
                EventKind.INFO,
                f.direction() == Direction.TO_SERVER ? "wire.send" : "wire.receive",
                "c" + f.connection().id() + " " + f.connection().route() + " " + f.summary(),
                null);
    }

    /** The scheduler's decisions, one line each: index, chosen action, every enabled action. */
    private final List<String> decisions = new ArrayList<>();

    private void trace(int chosen, List<Action> actions) {
        StringBuilder b = new StringBuilder()
                .append(decision)
                .append(' ')
                .append(chosen)
                .append('/')
                .append(actions.size())
                .append(' ')
                .append(actions.get(chosen).describe());
        if (actions.size() > 1) {
            b.append(" of [");
            for (int i = 0; i < actions.size(); i++) {
                b.append(i == 0 ? "" : " | ").append(actions.get(i).describe());
            }
            b.append(']');
        }
        decisions.add(b.toString());
    }

    /**
     * The run's decisions in order, one line each ({@code N k/n chosen of [enabled...]}, or {@code N
     * time +T} where virtual time moved): what two replays of the same choices must agree on.
     */
    List<String> decisions() {
        return List.copyOf(decisions);
    }
    /** Something reached the server since the last settle: its event loops must be drained. */
    private volatile boolean serverTouched = true;

    /** The next client to connect: the connections opened now are its. */
    private void connected(String client) {
        lanes.connecting(client);
    }

    /** An NFS client's JUKEBOX back-off, on the engine's clock: virtual time passes only when all wait. */
    private void backoff(Duration d) throws InterruptedException {
        CompletableFuture<Void> f = new CompletableFuture<>();
        clock.schedule(d.toNanos(), () -> f.complete(null));
        lanes.blocking(f);
        try {
            f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            lanes.unblocked();
        }
    }

    /** The longest no-break window of the program's expectations: how long the end is watched. */
    private Duration quietWindow() {
        return program.expectations().stream()
                .filter(e -> Expectation.NO_BREAK.equals(e.expect()))
                .map(Expectation::withinOrZero)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** One thing the scheduler can do now. */
    interface Action {
        void perform();

        String describe();
    }

    /** Delivering a held frame to its receiver. */
    private final class Delivery implements Action {
        private final Frame frame;

        Delivery(Frame frame) {
            this.frame = frame;
        }

        @Override
        public void perform() {
            deliver(frame);
        }

        @Override
        public String describe() {
            // the arrival sequence number is left out: it orders frames across connections, which
            // the proxy's list does not depend on
            return "deliver c" + frame.connection().id() + " "
                    + frame.connection().route() + " " + frame.direction() + " " + frame.length() + "B "
                    + frame.summary();
        }
    }

    private List<Action> enabled() {
        List<Action> out = new ArrayList<>();
        if (lockstep != null) {
            for (Frame f : lockstep.deliverable()) {
                out.add(new Delivery(f));
            }
        }
        long now = clock.nanos();
        synchronized (this) {
            for (Map.Entry<String, Deque<Long>> r : reactionsDue.entrySet()) {
                Long due = r.getValue().peek();
                if (due != null
                        && due - now <= 0
                        && lanes.lane(r.getKey() + ":breaks").free()) {
                    String client = r.getKey();
                    out.add(new Action() {
                        @Override
                        public void perform() {
                            synchronized (ProgramRun.this) {
                                reactionsDue.get(client).poll();
                            }
                            lanes.lane(client + ":breaks").submit(() -> handleBreak(client));
                        }

                        @Override
                        public String describe() {
                            return client + " handles a break";
                        }
                    });
                }
            }
        }
        for (StepState s : startable()) {
            out.add(new Action() {
                @Override
                public void perform() {
                    start(s);
                }

                @Override
                public String describe() {
                    return "start " + s.step.id();
                }
            });
        }
        return out;
    }

    /** The steps whose turn it is and whose lane is free. */
    private List<StepState> startable() {
        List<StepState> out = new ArrayList<>();
        if (program.ordering().equals(Scenario.SCRIPT)) {
            StepState prev = null;
            for (StepState s : steps.values()) {
                if (!s.started) {
                    boolean turn = prev == null || prev.done.isDone() || (prev.step.async() && prev.started);
                    if (turn && laneOf(s.step).free()) {
                        out.add(s);
                    }
                    break;
                }
                prev = s;
            }
            return out;
        }
        Map<String, Boolean> seen = new HashMap<>();
        for (StepState s : steps.values()) {
            String lane = laneName(s.step);
            if (seen.containsKey(lane)) {
                continue;
            }
            if (!s.done.isDone()) {
                seen.put(lane, true);
                if (!s.started && laneOf(s.step).free()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private void deliver(Frame f) {
        String owner = lockstep.owner(f.connection());
        if (f.direction() == Direction.TO_SERVER) {
            serverTouched = true;
            Step s = running.get(owner);
            String hint = s != null && s.op() instanceof SmbOpenOp o ? o.handleName() : null;
            windows.toServer(decision, f, hint);
        }
        record(
                owner,
                EventKind.INFO,
                f.direction() == Direction.TO_SERVER ? "wire.send" : "wire.receive",
                "c" + f.connection().id() + " " + f.connection().route() + " " + f.summary(),
                null);
        lockstep.proxy().deliver(f);
    }

    private boolean allDone() {
        return steps.values().stream().allMatch(s -> s.done.isDone());
    }

    private synchronized boolean reactionsPending() {
        long now = clock.nanos();
        for (Map.Entry<String, Deque<Long>> r : reactionsDue.entrySet()) {
            Long due = r.getValue().peek();
            if (due != null && due - now <= 0) {
                return true;
            }
        }
        return false;
    }

    private void hang() {
        List<String> open = steps.values().stream()
                .filter(s -> s.started && !s.done.isDone())
                .map(s -> s.step.id())
                .toList();
        List<String> notStarted = steps.values().stream()
                .filter(s -> !s.started)
                .map(s -> s.step.id())
                .toList();
        if (open.isEmpty() && notStarted.isEmpty()) {
            return;
        }
        String msg = "the program hangs: nothing can happen any more, steps " + open + " never completed"
                + (notStarted.isEmpty() ? "" : " and " + notStarted + " never started");
        record(ENGINE, EventKind.FAIL, "hang", msg, null);
        failed("hang", msg);
    }

    private String laneName(Step s) {
        return s.client() != null ? s.client() : ENGINE;
    }

    private Lanes.Lane laneOf(Step s) {
        return lanes.lane(laneName(s));
    }

    private void start(StepState s) {
        s.started = true;
        if (s.step.client() == null) {
            serverTouched = true; // the engine's own steps call the target's admin
        }
        running.put(laneName(s.step), s.step);
        if (windows != null) {
            s.req = ShareWindows.open(windows, decision, s.step.op());
        }
        laneOf(s.step).submit(() -> perform(s));
    }

    // ---------------------------------------------------------------------------------------------
    // Steps

    private void perform(StepState state) {
        Step s = state.step;
        String who = laneName(s);
        state.invoked = record(who, EventKind.INVOKE, s.name(), s.op().describe(), s.id())
                .index();
        clients.jukeboxStep(s.id());
        Object outcome = null; // for the content check: the OpResult, or what the step failed with
        try {
            OpResult r = s.op().run(new StepContext(this, s));
            outcome = r;
            record(who, r.ack() ? EventKind.ACK : EventKind.OK, s.name(), r.detail(), s.id());
            if (state.req != 0) {
                ShareWindows.reply(windows, state.req, s.op(), r, null);
            }
            if (s.expectStatus() != null) {
                failed(
                        stepCheck(s.id()),
                        "step " + s.id() + " (" + s.name() + ") succeeded, but it must fail with " + s.expectStatus());
            }
            int jukebox = clients.jukeboxes(s.id());
            if (s.jukebox() != null && jukebox < s.jukebox()) {
                failed(
                        stepCheck(s.id()),
                        "step " + s.id() + " (" + s.name() + ") saw " + jukebox
                                + " NFS3ERR_JUKEBOX answers, expected at least " + s.jukebox());
            }
        } catch (StepSkip e) {
            outcome = e;
            record(who, EventKind.INFO, s.name(), "step skipped: " + e.getMessage(), s.id());
            synchronized (failures) {
                skippedSteps.add(s.id());
                skippedWhy.add(e.getMessage());
            }
        } catch (ScenarioSkip e) {
            outcome = e;
            record(who, EventKind.INFO, s.name(), "skip: " + e.getMessage(), s.id());
            skipped = e.getMessage();
        } catch (MissingHandle e) {
            outcome = e;
            // an earlier open of this handle failed: in a generated program the op cannot be made
            record(who, EventKind.INFO, s.name(), "not performed: " + e.getMessage(), s.id());
            if (!program.ordering().equals(Scenario.CLIENTS)) {
                failed("harness: " + e.getMessage());
            }
        } catch (ScenarioError e) {
            outcome = e;
            record(who, EventKind.FAIL, s.name(), e.getMessage(), s.id());
            failed("harness: " + e.getMessage());
        } catch (Exception e) {
            outcome = e;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String status = Statuses.of(e);
            String msg = status != null ? status : e.getMessage() != null ? e.getMessage() : e.toString();
            record(who, EventKind.FAIL, s.name(), msg, s.id());
            if (state.req != 0) {
                ShareWindows.reply(windows, state.req, s.op(), null, e);
            }
            if (status != null && program.ordering().equals(Scenario.CLIENTS) && s.expectStatus() == null) {
                // a generated program states no outcome: the reference model judges every status
                return;
            }
            if (s.expectStatus() == null) {
                failed(stepCheck(s.id()), "step " + s.id() + " (" + s.name() + ") failed: " + msg);
            } else if (!s.statusMatches(status)) {
                failed(
                        stepCheck(s.id()),
                        "step " + s.id() + " (" + s.name() + ") must fail with " + s.expectStatus() + ", but: " + msg);
            }
        } finally {
            synchronized (contentCalls) {
                // the latest event so far: the answer's, or one after it (a later position is a safe bound)
                contentCalls.add(new ContentHistory.Call(s, state.invoked, history.next() - 1, outcome));
            }
            running.remove(who, s);
            clients.jukeboxStep(null);
            state.done.complete(null);
            lanes.bump();
        }
    }

    void failed(String msg) {
        failed(null, msg);
    }

    /** A failure, with the name a baseline lists it by ({@code step:ID}, {@code hang}, ...), or null. */
    void failed(String check, String msg) {
        synchronized (failures) {
            failures.add(msg);
            if (check != null) {
                failedChecks.add(check);
            }
        }
    }

    private final List<String> failedChecks = new ArrayList<>(); // guarded by failures
    private final List<String> skippedSteps = new ArrayList<>(); // guarded by failures
    private final Set<String> skippedWhy = new LinkedHashSet<>(); // guarded by failures

    private static String stepCheck(String stepId) {
        return Baseline.STEP_CHECK + ":" + stepId;
    }

    private boolean hasFailures() {
        synchronized (failures) {
            return !failures.isEmpty();
        }
    }

    StepState stepState(String id) {
        return steps.get(id);
    }

    Duration timeoutOf(Step s) {
        return s.timeout() != null ? s.timeout() : program.stepTimeout();
    }

    EngineClock clock() {
        return clock;
    }

    Lanes lanes() {
        return lanes;
    }

    ProgramClients clients() {
        return clients;
    }

    TargetSetup setup() {
        return setup;
    }

    /**
     * Bounds {@code f} by {@code timeout} on the engine's clock: when the timer fires first, {@code
     * f} fails with a timeout naming {@code what}.
     */
    <T> CompletableFuture<T> bounded(CompletableFuture<T> f, Duration timeout, String what) {
        EngineClock.Cancel timer = clock.schedule(timeout.toNanos(), () -> {
            if (f.completeExceptionally(new TimeoutException("no " + what + " within " + timeout))) {
                lanes.bump();
            }
        });
        f.whenComplete((v, e) -> {
            timer.cancel();
            lanes.bump();
        });
        return f;
    }

    /** Registers a wait the scheduler re-checks after every decision. */
    void addCondition(BooleanSupplier test, CompletableFuture<Void> done) {
        synchronized (conditions) {
            conditions.add(new Condition(test, done));
        }
    }

    /**
     * Completes the first wait (in the order they were registered) whose condition holds now;
     * whether one did. One per call, so the scheduler settles before the next: two waits completed
     * together would wake two lanes that race.
     */
    private boolean checkConditions() {
        List<Condition> now;
        synchronized (conditions) {
            conditions.removeIf(c -> c.done().isDone());
            now = new ArrayList<>(conditions);
        }
        for (Condition c : now) {
            if (c.test().getAsBoolean() && c.done().complete(null)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Breaks

    /** A client received a break (on its receive thread): record it; a reacting client's handling falls due. */
    private void onBreak(String client, LeaseBreakEvent e) {
        record(client, EventKind.BREAK, "lease.break", BreakDetail.format(e), null);
        ClientSpec spec = program.clients().get(client);
        if (spec != null && ClientSpec.AUTO.equals(spec.ackMode())) {
            long due = clock.nanos() + spec.reactionDelay().toNanos();
            synchronized (this) {
                reactionsDue.computeIfAbsent(client, k -> new ArrayDeque<>()).add(due);
            }
            if (!spec.reactionDelay().isZero()) {
                clock.schedule(spec.reactionDelay().toNanos(), lanes::bump);
            }
        }
        lanes.bump();
    }

    private void handleBreak(String client) {
        SmbClient c = clients.smb(client);
        try {
            SmbClient.HandledBreak h = c.handleNextBreak();
            if (h.ack() == null && !h.event().ackRequired()) {
                record(client, EventKind.INFO, "smb.break-handled", "no ack required", null);
            }
        } catch (IOException | RuntimeException e) {
            record(client, EventKind.FAIL, "smb.break-handling", String.valueOf(e), null);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The reference model

    /**
     * Checks the run's windows against the reference model: every break the server sent, every
     * status, every reply's timing (held or not) and every read's data must be one the model allows.
     */
    private void checkModel() {
        List<Window> ws = windows.finish();
        CheckResult r = new WindowChecker().check(modelConfig, ws);
        modelNote = r.checked() + " of " + ws.size() + " windows checked against the reference model"
                + (r.unchecked() > 0 ? " (" + r.unchecked() + " unchecked: " + String.join("; ", r.notes()) + ")" : "");
        record(ENGINE, EventKind.INFO, "model", modelNote, null);
        for (Violation v : r.violations()) {
            violations.add(v);
            record(
                    ENGINE,
                    EventKind.FAIL,
                    "property",
                    v.ruleId() + " at decision " + v.decision() + ": " + v.message(),
                    null);
        }
    }

    /**
     * The linearizability of file contents ({@link ContentHistory}, R-XP-7), after the model: a
     * violation is a FAIL "property" event naming the operations involved; a search that hit its
     * bound is only a note.
     */
    private void checkContents() {
        long t = System.nanoTime();
        List<ContentHistory.Call> calls;
        synchronized (contentCalls) {
            calls = new ArrayList<>(contentCalls);
        }
        long now = history.next();
        for (StepState st : steps.values()) {
            if (st.started && !st.done.isDone()) {
                // still running (the program hangs): it may take effect at any time, or never
                calls.add(new ContentHistory.Call(st.step, st.invoked >= 0 ? st.invoked : now, Long.MAX_VALUE, null));
            }
        }
        ContentHistory.Outcome o = ContentHistory.check(
                calls,
                history.events(),
                new ContentHistory.Settings(
                        modelConfig.breakPolicy() == BreakPolicy.NOTIFY,
                        Math.min(modelConfig.breakTimeoutNanos(), modelConfig.nlmBreakWaitNanos())),
                CONTENT_CHECKER);
        String note = o.summary() + " (checked in " + (System.nanoTime() - t) / 1000 + " µs)";
        record(ENGINE, EventKind.INFO, "contents", note, null);
        CONTENT_LOG.debug("{} contents: {}", program.id(), note);
        if (o.violated()) {
            contentViolation =
                    ContentHistory.RULE + " (no lost write, no stale read; t = history positions): " + o.explanation();
            record(ENGINE, EventKind.FAIL, "property", contentViolation, null);
        }
    }

    /** Bounded so that one program's check stays in milliseconds; past the bound: UNKNOWN, a note. */
    private static final Linearizability CONTENT_CHECKER = new Linearizability(20_000);

    private final List<ContentHistory.Call> contentCalls = new ArrayList<>(); // guarded by itself
    private String contentViolation;

    /**
     * What the run failed, in a word, for the shrinker's "fails the same way": the first reference
     * model rule violated, else the kind of the first failure (hang, a hand-written check, a harness
     * error); null when nothing failed.
     */
    String signature() {
        if (!violations.isEmpty()) {
            return violations.get(0).ruleId();
        }
        if (contentViolation != null) {
            return ContentHistory.SIGNATURE;
        }
        synchronized (failures) {
            if (failures.isEmpty()) {
                return null;
            }
            String f = failures.get(0);
            if (f.startsWith("the program hangs")) {
                return "hang";
            }
            if (f.startsWith("harness")) {
                return "harness";
            }
            return "step";
        }
    }

    /** What the reference model said about the run (empty when it did not run). */
    List<Violation> violations() {
        return List.copyOf(violations);
    }

    // ---------------------------------------------------------------------------------------------
    // History and verdict

    HistoryEvent record(String client, EventKind kind, String op, String detail, String step) {
        return history.record(client, kind, op, detail, step);
    }

    private static String fmt(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private ScenarioResult verdict(long t0) {
        List<Checks.Outcome> outcomes = Checks.evaluate(program, history.events());
        List<String> failed;
        synchronized (failures) {
            failed = new ArrayList<>(failures);
        }
        violations.forEach(v -> failed.add(v.message())); // the message starts with its rule
        synchronized (failures) {
            violations.forEach(v -> failedChecks.add(v.ruleId()));
        }
        if (contentViolation != null) {
            failed.add(contentViolation);
            synchronized (failures) {
                failedChecks.add(ContentHistory.SIGNATURE);
            }
        }
        if (program.expectFailure() != null) {
            return expectedFailureVerdict(outcomes, failed, t0);
        }
        outcomes.stream().filter(o -> !o.held()).forEach(o -> {
            failed.add(o.reason());
            synchronized (failures) {
                failedChecks.add(o.expectation().expect());
            }
        });
        if (failed.isEmpty()) {
            String why = outcomes.isEmpty()
                    ? "all steps succeeded"
                    : String.join(
                            "; ", outcomes.stream().map(Checks.Outcome::reason).toList());
            return result(Verdict.PASS, why, t0);
        }
        return result(Verdict.FAIL, String.join("; ", failed), t0);
    }

    /**
     * For a program with {@code expectFailure}: EXPECTED_FAIL when exactly the predicted kind of
     * expectation failed (and the steps ran), FAIL when the prediction did not come true or
     * something else failed as well.
     */
    private ScenarioResult expectedFailureVerdict(List<Checks.Outcome> outcomes, List<String> other, long t0) {
        String kind = Scenario.expectedFailureKind(program.expectFailure());
        List<String> predicted = new ArrayList<>();
        for (Checks.Outcome o : outcomes) {
            if (!o.held()) {
                boolean isPredicted = o.expectation().expect().equals(kind);
                (isPredicted ? predicted : other).add(o.reason());
                if (!isPredicted) {
                    synchronized (failures) {
                        failedChecks.add(o.expectation().expect());
                    }
                }
            }
        }
        if (!other.isEmpty()) {
            return result(Verdict.FAIL, String.join("; ", other), t0);
        }
        String policy = program.server().breakPolicy();
        String consequence = policy != null
                ? "known consequence of the " + policy.toLowerCase(Locale.ROOT) + " policy"
                : "known consequence of the server's configuration";
        if (predicted.isEmpty()) {
            synchronized (failures) {
                failedChecks.add("expect-failure:" + kind);
            }
            return result(
                    Verdict.FAIL,
                    "expected the " + program.expectFailure() + " (" + consequence + ") but every expectation held",
                    t0);
        }
        return result(Verdict.EXPECTED_FAIL, consequence + ": " + String.join("; ", predicted), t0);
    }

    private ScenarioResult result(Verdict v, String reason, long t0) {
        String why = reason;
        List<String> checks;
        synchronized (failures) {
            if (!skippedSteps.isEmpty() && v != Verdict.SKIPPED) {
                why += " [not checked on this target: steps " + String.join(", ", skippedSteps) + ": "
                        + String.join("; ", skippedWhy) + "]";
            }
            checks = failedChecks.stream().distinct().toList();
        }
        ScenarioResult r = new ScenarioResult(
                program.id(),
                program.title(),
                program.requirements(),
                v,
                why,
                repro != null ? repro : ScenarioRunner.repro(program.id(), seed),
                seed,
                (System.nanoTime() - t0) / 1_000_000,
                history.events());
        if (v == Verdict.ERROR) {
            return r.withFailedChecks(List.of(Baseline.ERROR_CHECK));
        }
        return v == Verdict.FAIL ? r.withFailedChecks(checks) : r;
    }

    /** The repro line results carry (default: {@code interlock replay ID --seed N}). */
    void repro(String line) {
        this.repro = line;
    }

    List<HistoryEvent> events() {
        return history.events();
    }

    @Override
    public void close() {
        if (clock != null) {
            clock.cancelAll();
        }
        if (lockstep != null) {
            lockstep.release(); // closing clients send requests that must pass
        }
        clients.close();
        lanes.close();
        if (lockstep != null) {
            lockstep.close();
        }
        if (watch != null) {
            watch.close();
        }
        if (pcap != null) {
            try {
                pcap.close();
            } catch (IOException e) {
                log.warn("pcap {} incomplete: {}", pcapPath, e.toString());
            }
        }
        if (setup != null) {
            setup.close();
        }
    }
}
