package io.interlock.scenarios.engine;

import io.interlock.reports.Baseline;
import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import io.interlock.scenarios.clients.smb.CachingSmbClient;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakAckResult;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.clients.smb.SmbStatusException;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The state of one scenario run: its clients, handles, pending async steps and history. */
final class ScenarioExecution implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScenarioExecution.class);
    private static final String ENGINE = "engine";
    private static final String CHECK = "check";
    /** Longer than any break timeout the catalog uses: a WAIT-policy WRITE reply waits for the break. */
    private static final Duration NFS_TIMEOUT = Duration.ofSeconds(60);

    private final Scenario scenario;
    private final Target target;
    private final long seed;
    private final Random random;
    private final History history;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scenario-step");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, SmbLeaseClient> smb = new LinkedHashMap<>();
    private final Map<String, NfsClient> nfs = new LinkedHashMap<>();
    private final Map<String, CachingSmbClient> caching = new LinkedHashMap<>();
    private final Map<String, CountDownLatch> firstBreak = new HashMap<>();
    private final Map<String, SmbOpen> handles = new HashMap<>(); // "client/handle"
    private final Map<String, UUID> leaseKeys = new HashMap<>(); // "client/handle"
    private final Map<String, LeaseBreakEvent> lastBreak = new HashMap<>();
    private final Map<String, Future<?>> pending = new LinkedHashMap<>();
    private final List<String> stepFailures = new ArrayList<>();
    /** Observing steps the target could not perform (StepSkip), and why; guarded by stepFailures. */
    private final List<String> skippedSteps = new ArrayList<>();

    private final Set<String> skippedWhy = new LinkedHashSet<>();
    /** What failed, by name, for baselines: step:ID, drain, expectation kinds; guarded by stepFailures. */
    private final List<String> failedChecks = new ArrayList<>();

    private final Map<String, java.util.concurrent.atomic.AtomicInteger> jukeboxes =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The step the current thread performs (JUKEBOX retries are reported on the calling thread). */
    private final ThreadLocal<String> currentStep = new ThreadLocal<>();

    private TargetSetup setup;
    private ExtraSteps extra;
    private volatile String skipped;
    private final boolean failFast;

    ScenarioExecution(Scenario scenario, Target target, long seed) {
        this(scenario, target, seed, false);
    }

    /**
     * @param failFast stop at the first failed step (the verdict is FAIL already): no further
     *     steps, joins, drains or content reads. For fault detection, where only the verdict counts.
     */
    ScenarioExecution(Scenario scenario, Target target, long seed, boolean failFast) {
        this.failFast = failFast;
        this.scenario = scenario;
        this.target = target;
        this.seed = seed;
        this.random = new Random(seed * 31 + scenario.id().hashCode());
        this.history = new History(seed);
    }

    ScenarioResult execute() {
        long t0 = System.nanoTime();
        try {
            setup = target.setup(scenario.server());
        } catch (IOException | RuntimeException e) {
            return result(Verdict.ERROR, "cannot prepare the target: " + e, t0);
        }
        Optional<String> skip = setup.skipReason().or(this::skipReason);
        if (skip.isPresent()) {
            return result(Verdict.SKIPPED, skip.get(), t0);
        }
        extra = new ExtraSteps(setup, history, this::nfsOptions);
        extra.captureBaseline(scenario);
        history.record(
                ENGINE,
                EventKind.INFO,
                "scenario.start",
                scenario.id() + " seed=" + seed + (scenario.server().isEmpty() ? "" : " server=" + scenario.server()),
                null);
        try {
            connectClients();
            for (Step s : scenario.steps()) {
                if (failFast && hasStepFailures()) {
                    break;
                }
                runStep(s);
                if (skipped != null) {
                    return result(Verdict.SKIPPED, skipped, t0);
                }
            }
            if (failFast && hasStepFailures()) {
                history.record(ENGINE, EventKind.INFO, "fail-fast", "remaining steps and checks skipped", null);
                return result(Verdict.FAIL, String.join("; ", stepFailures), t0);
            }
            for (String id : new ArrayList<>(pending.keySet())) {
                join(id, scenario.stepTimeout());
            }
            if (skipped != null) {
                return result(Verdict.SKIPPED, skipped, t0);
            }
            drainCachingClients();
            awaitQuietWindows();
            // the engine's own reads below may break leases (an NFS READ strips W): from here on,
            // breaks are not the scenario's doing and no-break expectations ignore them
            history.record(ENGINE, EventKind.INFO, Checks.CHECKS_START, "reading for content checks", null);
            readForContentChecks();
        } catch (ScenarioSkip e) {
            history.record(ENGINE, EventKind.INFO, "skip", e.getMessage(), null);
            return result(Verdict.SKIPPED, e.getMessage(), t0);
        } catch (ScenarioError e) {
            history.record(ENGINE, EventKind.FAIL, "scenario", e.getMessage(), null);
            return result(Verdict.ERROR, e.getMessage(), t0);
        } catch (IOException | RuntimeException e) {
            history.record(ENGINE, EventKind.FAIL, "scenario", String.valueOf(e), null);
            return result(Verdict.ERROR, "harness error: " + e, t0);
        }
        List<Checks.Outcome> outcomes = Checks.evaluate(scenario, history.events());
        List<String> failed = new ArrayList<>(stepFailures);
        outcomes.stream().filter(o -> !o.held()).forEach(o -> {
            failed.add(o.reason());
            failedChecks.add(o.expectation().expect());
        });
        if (scenario.expectFailure() != null) {
            return expectedFailureVerdict(outcomes, t0);
        }
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
     * For a scenario with {@code expectFailure}: EXPECTED_FAIL when exactly the predicted kind of
     * expectation failed (and the steps ran), FAIL when the prediction did not come true or
     * something else failed as well.
     */
    private ScenarioResult expectedFailureVerdict(List<Checks.Outcome> outcomes, long t0) {
        String kind = Scenario.expectedFailureKind(scenario.expectFailure());
        List<String> predicted = new ArrayList<>();
        List<String> other = new ArrayList<>(stepFailures);
        for (Checks.Outcome o : outcomes) {
            if (!o.held()) {
                (o.expectation().expect().equals(kind) ? predicted : other).add(o.reason());
            }
        }
        if (!other.isEmpty()) {
            synchronized (stepFailures) {
                failedChecks.removeIf(kind::equals); // the predicted failure is no defect
            }
            return result(Verdict.FAIL, String.join("; ", other), t0);
        }
        if (predicted.isEmpty()) {
            synchronized (stepFailures) {
                failedChecks.add("expect-failure:" + kind);
            }
            return result(
                    Verdict.FAIL,
                    "expected the " + scenario.expectFailure() + " (" + consequence() + ") but every expectation held",
                    t0);
        }
        return result(Verdict.EXPECTED_FAIL, consequence() + ": " + String.join("; ", predicted), t0);
    }

    private String consequence() {
        String policy = scenario.server().breakPolicy();
        return policy != null
                ? "known consequence of the " + policy.toLowerCase(java.util.Locale.ROOT) + " policy"
                : "known consequence of the server's configuration";
    }

    /** The check name of a failed step, as baselines name it. */
    private static String stepCheck(String stepId) {
        return Baseline.STEP_CHECK + ":" + stepId;
    }

    private ScenarioResult result(Verdict v, String reason, long t0) {
        String why = reason;
        synchronized (stepFailures) {
            if (!skippedSteps.isEmpty() && v != Verdict.SKIPPED) {
                why += " [not checked on this target: steps " + String.join(", ", skippedSteps) + ": "
                        + String.join("; ", skippedWhy) + "]";
            }
        }
        ScenarioResult r = plainResult(v, why, t0);
        if (v == Verdict.ERROR) {
            return r.withFailedChecks(List.of(Baseline.ERROR_CHECK));
        }
        if (v == Verdict.FAIL) {
            synchronized (stepFailures) {
                return r.withFailedChecks(failedChecks.stream().distinct().toList());
            }
        }
        return r;
    }

    private ScenarioResult plainResult(Verdict v, String reason, long t0) {
        return new ScenarioResult(
                scenario.id(),
                scenario.title(),
                scenario.requirements(),
                v,
                reason,
                ScenarioRunner.repro(scenario.id(), seed),
                seed,
                (System.nanoTime() - t0) / 1_000_000,
                history.events());
    }

    private Optional<String> skipReason() {
        if (scenario.uses(ClientSpec.SMB) && setup.smb().isEmpty()) {
            return Optional.of("target offers no SMB");
        }
        if (scenario.uses(ClientSpec.NFS) || scenario.uses(ClientSpec.NLM)) {
            Optional<NfsEndpoint> n = setup.nfs();
            if (n.isEmpty()) {
                return Optional.of("target offers no NFS");
            }
        }
        return Optional.empty();
    }

    private UUID seededUuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void connectClients() throws IOException {
        // where the scenario's files go; a target without per-scenario shares makes a fresh
        // directory here, so a target that cannot be prepared is an ERROR before any step runs
        history.record(ENGINE, EventKind.INFO, "paths", "smb:nfs = " + setup.paths(), null);
        for (Map.Entry<String, ClientSpec> c : scenario.clients().entrySet()) {
            String name = c.getKey();
            if (c.getValue().protocol().equals(ClientSpec.SMB)) {
                SmbLeaseClient client = connectSmb(name);
                smb.put(name, client);
                if (c.getValue().isCaching()) {
                    CachingSmbClient cache =
                            new CachingSmbClient(client, c.getValue().flushDelay(), new CacheRecorder(name));
                    caching.put(name, cache);
                    client.addBreakListener(cache::onBreak);
                }
            } else if (c.getValue().protocol().equals(ClientSpec.NLM)) {
                extra.connectNlm(name);
            } else {
                NfsEndpoint n = setup.nfs().orElseThrow();
                NfsClient d = n.connect(nfsOptions(name));
                d.onJukebox((what, attempt) -> {
                    String step = currentStep.get();
                    history.record(
                            name,
                            EventKind.INFO,
                            "nfs.jukebox",
                            what + ": attempt " + attempt + " NFS3ERR_JUKEBOX",
                            step);
                    if (step != null) {
                        jukeboxes
                                .computeIfAbsent(step, k -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet();
                    }
                });
                nfs.put(name, d);
            }
            history.record(name, EventKind.INFO, "connect", c.getValue().protocol(), null);
        }
    }

    private SmbLeaseClient connectSmb(String name) throws IOException {
        SmbEndpoint e = setup.smb().orElseThrow();
        SmbLeaseClient client = SmbLeaseClient.connect(
                e.host(), e.port(), e.share(), e.user(), e.password(), seededUuid(), Duration.ofSeconds(30));
        // runs on smbj's receive thread: record only, never block
        client.addBreakListener(ev -> history.record(
                name,
                EventKind.BREAK,
                "lease.break",
                BreakDetail.format(ev),
                null,
                ev.receivedNanos(),
                ev.receivedAt()));
        CountDownLatch first = new CountDownLatch(1);
        synchronized (firstBreak) {
            firstBreak.put(name, first);
        }
        client.addBreakListener(ev -> first.countDown());
        return client;
    }

    private void runStep(Step s) {
        if (s.op().equals("join")) {
            join(s.step(), timeoutOf(s));
            return;
        }
        if (s.isAsync()) {
            pending.put(s.id(), pool.submit(() -> perform(s)));
        } else {
            perform(s);
        }
    }

    private Duration timeoutOf(Step s) {
        return s.timeout() != null ? s.timeout() : scenario.stepTimeout();
    }

    private void join(String stepId, Duration timeout) {
        Future<?> f = pending.remove(stepId);
        if (f == null) {
            return; // already joined
        }
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            String msg = "step " + stepId + " did not complete within " + timeout;
            history.record(ENGINE, EventKind.FAIL, "join", msg, stepId);
            stepFailed(stepCheck(stepId), msg);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioError("interrupted while joining " + stepId);
        } catch (ExecutionException e) {
            throw new ScenarioError("step " + stepId + " crashed: " + e.getCause(), e.getCause());
        }
    }

    /** Runs one step, recording invoke and ok/fail; a target failure is noted, a scenario bug thrown. */
    private void perform(Step s) {
        String who = s.client() != null ? s.client() : ENGINE;
        history.record(who, EventKind.INVOKE, s.op(), s.describeArgs(), s.id());
        currentStep.set(s.id());
        try {
            Outcome o = call(s);
            history.record(who, o.kind, s.op(), o.detail, s.id());
            if (s.expectStatus() != null) {
                stepFailed(
                        stepCheck(s.id()),
                        "step " + s.id() + " (" + s.op() + ") succeeded, but it must fail with " + s.expectStatus());
            }
            int jukebox = jukeboxes
                    .getOrDefault(s.id(), new java.util.concurrent.atomic.AtomicInteger())
                    .get();
            if (s.jukebox() != null && jukebox < s.jukebox()) {
                stepFailed(
                        stepCheck(s.id()),
                        "step " + s.id() + " (" + s.op() + ") saw " + jukebox
                                + " NFS3ERR_JUKEBOX answers, expected at least " + s.jukebox());
            }
        } catch (StepSkip e) {
            history.record(who, EventKind.INFO, s.op(), "step skipped: " + e.getMessage(), s.id());
            synchronized (stepFailures) {
                skippedSteps.add(s.id());
                skippedWhy.add(e.getMessage());
            }
        } catch (ScenarioSkip e) {
            history.record(who, EventKind.INFO, s.op(), "skip: " + e.getMessage(), s.id());
            skipped = e.getMessage();
        } catch (ScenarioError e) {
            history.record(who, EventKind.FAIL, s.op(), e.getMessage(), s.id());
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String status = statusOf(e);
            String msg = status != null ? status : e.getMessage() != null ? e.getMessage() : e.toString();
            history.record(who, EventKind.FAIL, s.op(), msg, s.id());
            if (s.expectStatus() == null) {
                stepFailed(stepCheck(s.id()), "step " + s.id() + " (" + s.op() + ") failed: " + msg);
            } else if (!s.statusMatches(status)) {
                stepFailed(
                        stepCheck(s.id()),
                        "step " + s.id() + " (" + s.op() + ") must fail with " + s.expectStatus() + ", but: " + msg);
            }
        }
    }

    private boolean hasStepFailures() {
        synchronized (stepFailures) {
            return !stepFailures.isEmpty();
        }
    }

    private void stepFailed(String check, String msg) {
        synchronized (stepFailures) {
            stepFailures.add(msg);
            failedChecks.add(check);
        }
    }

    /** The protocol status name of a failure (NFS3ERR_*, STATUS_*), or null. */
    private static String statusOf(Throwable e) {
        if (e instanceof SmbStatusException se) {
            return se.statusName();
        }
        if (e instanceof StepStatusException st) {
            return st.statusName();
        }
        return NfsClient.statusOf(e);
    }

    /**
     * How the engine's NFS and NLM clients are set up: explicit ports (no portmapper), xids from a
     * seed derived from the run seed and the client's name (so a replay sends the same xids; the
     * scenario's random stream is left alone).
     */
    NfsClientOptions nfsOptions(String client) {
        long mix = (seed + 1) * 0x9E3779B97F4A7C15L + client.hashCode() * 0xC2B2AE3D27D4EB4FL;
        return NfsClientOptions.defaults((int) (mix ^ (mix >>> 32))).withTimeout(NFS_TIMEOUT);
    }

    private record Outcome(EventKind kind, String detail) {
        static Outcome ok(String detail) {
            return new Outcome(EventKind.OK, detail);
        }
    }

    private Outcome call(Step s) throws Exception {
        Duration timeout = timeoutOf(s);
        return switch (s.op()) {
            case "smb.open" -> {
                SmbLeaseClient c = smbClient(s);
                if (s.lease() != null) {
                    requireLeasing(s, c);
                }
                String key = s.client() + "/" + s.handleName();
                UUID leaseKey = s.lease() == null ? null : leaseKeys.computeIfAbsent(key, k -> seededUuid());
                LeaseVersion v = s.leaseVersion() == null ? LeaseVersion.V2 : LeaseVersion.parse(s.leaseVersion());
                SmbOpen o = c.open(
                        setup.paths().smb(path(s)),
                        leaseKey,
                        s.lease() == null ? 0 : LeaseBits.parse(s.lease()),
                        v,
                        s.isDirectory());
                synchronized (handles) {
                    handles.put(key, o);
                }
                CachingSmbClient cache = caching.get(s.client());
                if (cache != null) {
                    cache.opened(o);
                }
                String detail = s.lease() == null
                        ? "opened"
                        : "granted " + LeaseBits.format(o.leaseState()) + " epoch=" + o.leaseEpoch();
                if (s.granted() != null && LeaseBits.parse(s.granted()) != o.leaseState()) {
                    throw new IOException(detail + ", expected " + LeaseBits.format(LeaseBits.parse(s.granted())));
                }
                yield Outcome.ok(detail);
            }
            case "smb.write" -> {
                CachingSmbClient cache = caching.get(s.client());
                if (cache != null) {
                    CachingSmbClient.WriteMode m = cache.write(handle(s), s.offsetOrZero(), bytes(s), s.id());
                    yield Outcome.ok(
                            bytes(s).length + " bytes " + (m == CachingSmbClient.WriteMode.CACHED ? "cached" : "sent"));
                }
                int n = smbClient(s).write(handle(s), s.offsetOrZero(), bytes(s));
                yield Outcome.ok(n + " bytes");
            }
            case "smb.read" -> {
                CachingSmbClient cache = caching.get(s.client());
                if (cache != null) {
                    CachingSmbClient.ReadResult r = cache.read(handle(s));
                    String got = checkValue(s, text(r.data()));
                    yield Outcome.ok(got + (r.fromCache() ? " (from cache)" : ""));
                }
                yield Outcome.ok(checkValue(s, text(smbClient(s).read(handle(s), 0))));
            }
            case "smb.close" -> {
                SmbOpen o = handle(s);
                CachingSmbClient cache = caching.get(s.client());
                if (cache != null) {
                    cache.close(o);
                } else {
                    smbClient(s).close(o);
                }
                synchronized (handles) {
                    handles.remove(s.client() + "/" + s.handleName());
                }
                yield Outcome.ok("closed");
            }
            case "smb.await-break" -> {
                CachingSmbClient cache = caching.get(s.client());
                if (cache != null) {
                    CachingSmbClient.HandledBreak h = cache.awaitHandled(timeout);
                    if (h.error() != null) {
                        throw new IOException("handling " + h.event() + " failed: " + h.error(), h.error());
                    }
                    yield Outcome.ok(BreakDetail.format(h.event()) + " handled: flushed " + h.flushed()
                            + (h.ack() != null ? ", ack " + h.ack().statusHex() : ""));
                }
                LeaseBreakEvent e = smbClient(s).awaitBreak(timeout);
                synchronized (lastBreak) {
                    lastBreak.put(s.client(), e);
                }
                yield Outcome.ok(BreakDetail.format(e));
            }
            case "smb.ack" -> {
                if (caching.containsKey(s.client())) {
                    throw new ScenarioError("step " + s.id() + ": client " + s.client()
                            + " is a caching client and acknowledges by itself");
                }
                LeaseBreakEvent e;
                synchronized (lastBreak) {
                    e = lastBreak.get(s.client());
                }
                if (e == null) {
                    // validation guarantees an earlier await-break: it failed, no break arrived
                    throw new IOException("no lease break was received, nothing to acknowledge");
                }
                int state = s.lease() != null ? LeaseBits.parse(s.lease()) : e.newState();
                LeaseBreakAckResult r = smbClient(s).ack(e.leaseKey(), state);
                String detail = LeaseBits.format(state) + " -> " + r.statusHex()
                        + (r.leaseState() >= 0 ? " " + LeaseBits.format(r.leaseState()) : "");
                if (!r.success()) {
                    throw new SmbStatusException("ack " + LeaseBits.format(state), r.status());
                }
                yield new Outcome(EventKind.ACK, detail);
            }
            case "nfs.write" -> Outcome.ok(nfsClient(s).write(nfsPath(s), s.offsetOrZero(), bytes(s)) + " bytes");
            case "nfs.read" -> Outcome.ok(checkValue(s, text(nfsClient(s).read(nfsPath(s)))));
            case "nfs.remove" -> {
                nfsClient(s).remove(nfsPath(s));
                yield Outcome.ok("removed");
            }
            case "nfs.rename" -> {
                if (s.to() == null) {
                    throw new ScenarioError("step " + s.id() + ": nfs.rename needs 'to'");
                }
                nfsClient(s).rename(nfsPath(s), setup.paths().nfs(s.to()));
                yield Outcome.ok("renamed");
            }
            case "nfs.create" -> {
                Nfs3CreateMode mode = createMode(s);
                nfsClient(s).create(nfsPath(s), mode, s.size());
                yield Outcome.ok("created " + mode.name().toLowerCase(java.util.Locale.ROOT)
                        + (s.size() != null ? " size=" + s.size() : ""));
            }
            case "nfs.setattr" -> {
                nfsClient(s).setSize(nfsPath(s), s.size());
                yield Outcome.ok("size=" + s.size());
            }
            case "nfs.mkdir" -> {
                nfsClient(s).mkdir(nfsPath(s));
                yield Outcome.ok("created directory");
            }
            case "smb.lock" -> {
                try {
                    smbClient(s).lock(handle(s), s.offsetOrZero(), s.lengthOrZero(), s.isExclusive(), !s.isBlocking());
                } catch (SmbStatusException e) {
                    throw unsupportedLock(s, e);
                }
                yield Outcome.ok("locked");
            }
            case "smb.unlock" -> {
                try {
                    smbClient(s).unlock(handle(s), s.offsetOrZero(), s.lengthOrZero());
                } catch (SmbStatusException e) {
                    throw unsupportedLock(s, e);
                }
                yield Outcome.ok("unlocked");
            }
            case "smb.lease-state" -> {
                UUID key;
                synchronized (handles) {
                    key = leaseKeys.get(s.client() + "/" + s.handleName());
                }
                if (key == null) {
                    throw new ScenarioError(
                            "step " + s.id() + ": " + s.client() + " requested no lease on " + s.handleName());
                }
                yield Outcome.ok(extra.leaseState(s, smbClient(s).clientGuid(), key, timeout));
            }
            case "nlm.lock" -> Outcome.ok(extra.nlmLock(s));
            case "nlm.test" -> Outcome.ok(extra.nlmTest(s));
            case "nlm.unlock" -> Outcome.ok(extra.nlmUnlock(s));
            case "nlm.cancel" -> Outcome.ok(extra.nlmCancel(s));
            case "nlm.await-granted" -> Outcome.ok(extra.nlmAwaitGranted(s, timeout));
            case "share.add", "share.remove", "share.disable" -> Outcome.ok(extra.shareChange(s));
            case "share.list" -> Outcome.ok(extra.shareList(s));
            case "server.breaks" -> Outcome.ok(extra.serverBreaks(s));
            default -> throw new ScenarioError("step " + s.id() + ": unsupported op " + s.op());
        };
    }

    /**
     * A lease request to a server that does not offer leasing (or directory leasing) cannot be
     * granted ([MS-SMB2] 2.2.4, 3.3.5.9.8): the scenario is about a capability the target lacks.
     */
    private static void requireLeasing(Step s, SmbLeaseClient c) {
        if (!c.serverOffersLeasing()) {
            throw new ScenarioSkip("target offers no SMB2 leasing (NEGOTIATE without SMB2_GLOBAL_CAP_LEASING)");
        }
        if (s.isDirectory() && !c.serverOffersDirectoryLeasing()) {
            throw new ScenarioSkip("target offers no directory leases (NEGOTIATE without"
                    + " SMB2_GLOBAL_CAP_DIRECTORY_LEASING, dialect " + c.dialect() + ")");
        }
    }

    /** STATUS_NOT_SUPPORTED to a LOCK nobody expected to be refused: the target lacks SMB2 LOCK. */
    private static RuntimeException unsupportedLock(Step s, SmbStatusException e) throws SmbStatusException {
        if (e.status() == 0xC00000BBL && !s.statusMatches("STATUS_NOT_SUPPORTED")) {
            throw new ScenarioSkip(
                    "target does not implement SMB2 LOCK (" + s.op() + " answered STATUS_NOT_SUPPORTED)");
        }
        throw e;
    }

    private static String checkValue(Step s, String got) throws IOException {
        if (s.value() != null && !s.value().equals(got)) {
            throw new IOException("read \"" + got + "\", expected \"" + s.value() + "\"");
        }
        return got;
    }

    private static String path(Step s) {
        if (s.path() == null) {
            throw new ScenarioError("step " + s.id() + ": " + s.op() + " needs a path");
        }
        return s.path();
    }

    /** The step's path in the target's export (the setup may give the scenario a directory of its own). */
    private String nfsPath(Step s) {
        return setup.paths().nfs(path(s));
    }

    private static byte[] bytes(Step s) {
        if (s.data() == null) {
            throw new ScenarioError("step " + s.id() + ": " + s.op() + " needs data");
        }
        return s.data().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private SmbLeaseClient smbClient(Step s) {
        return smb.get(s.client());
    }

    private NfsClient nfsClient(Step s) {
        return nfs.get(s.client());
    }

    /** guarded (the default), unchecked or exclusive. */
    private static Nfs3CreateMode createMode(Step s) {
        if (s.mode() == null || s.mode().equals("guarded")) {
            return Nfs3CreateMode.GUARDED;
        }
        return s.mode().equals("exclusive") ? Nfs3CreateMode.EXCLUSIVE : Nfs3CreateMode.UNCHECKED;
    }

    private SmbOpen handle(Step s) {
        synchronized (handles) {
            SmbOpen o = handles.get(s.client() + "/" + s.handleName());
            if (o == null) {
                throw new ScenarioError(
                        "step " + s.id() + ": client " + s.client() + " has no open handle " + s.handleName());
            }
            return o;
        }
    }

    /** Waits for caching clients to finish handling the breaks they received (flush + ack). */
    private void drainCachingClients() {
        for (Map.Entry<String, CachingSmbClient> c : caching.entrySet()) {
            try {
                if (!c.getValue().drain(scenario.stepTimeout())) {
                    String msg = "client " + c.getKey() + " did not finish handling its breaks within "
                            + scenario.stepTimeout();
                    history.record(ENGINE, EventKind.FAIL, "drain", msg, null);
                    stepFailed("drain", msg);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScenarioError("interrupted while draining " + c.getKey());
            }
        }
    }

    /**
     * For each {@code no-break} expectation with a window: waits until the window has passed since
     * the steps ended, or a break arrived (then the check fails at once, no need to wait longer).
     */
    private void awaitQuietWindows() {
        long start = System.nanoTime();
        for (Expectation e : scenario.expectations()) {
            if (!Expectation.NO_BREAK.equals(e.expect()) || e.withinOrZero().isZero()) {
                continue;
            }
            CountDownLatch first;
            synchronized (firstBreak) {
                first = firstBreak.get(e.client());
            }
            if (first == null) {
                continue;
            }
            long left = e.withinOrZero().toNanos() - (System.nanoTime() - start);
            try {
                if (left > 0 && !first.await(left, TimeUnit.NANOSECONDS)) {
                    history.record(
                            ENGINE, EventKind.INFO, "quiet", e.client() + ": no break within " + e.within(), null);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ScenarioError("interrupted while waiting for a late break");
            }
        }
    }

    /** Records what a caching client does by itself: flushes and acks. */
    private final class CacheRecorder implements CachingSmbClient.Observer {
        private final String client;

        CacheRecorder(String client) {
            this.client = client;
        }

        @Override
        public void flushStarted(String tag, long offset, int length) {
            history.record(client, EventKind.INVOKE, "smb.flush", length + " bytes @" + offset, Checks.flushStep(tag));
        }

        @Override
        public void flushDone(String tag, int written) {
            history.record(client, EventKind.OK, "smb.flush", written + " bytes", Checks.flushStep(tag));
        }

        @Override
        public void flushFailed(String tag, Exception e) {
            history.record(
                    client, EventKind.FAIL, "smb.flush", String.valueOf(statusOrMessage(e)), Checks.flushStep(tag));
        }

        @Override
        public void ackSent(LeaseBreakEvent e, int state) {
            history.record(client, EventKind.INVOKE, "smb.ack", "lease=" + LeaseBits.format(state), client + ":ack");
        }

        @Override
        public void ackDone(LeaseBreakEvent e, LeaseBreakAckResult r) {
            history.record(
                    client,
                    r.success() ? EventKind.ACK : EventKind.FAIL,
                    "smb.ack",
                    LeaseBits.format(e.newState()) + " -> " + r.statusHex()
                            + (r.leaseState() >= 0 ? " " + LeaseBits.format(r.leaseState()) : ""),
                    client + ":ack");
        }

        @Override
        public void ackFailed(LeaseBreakEvent e, Exception ex) {
            history.record(client, EventKind.FAIL, "smb.ack", String.valueOf(statusOrMessage(ex)), client + ":ack");
        }
    }

    private static String statusOrMessage(Exception e) {
        String st = statusOf(e);
        return st != null ? st : e.getMessage();
    }

    /** Reads each file named by a content expectation, recording the result under its check step. */
    private void readForContentChecks() throws IOException {
        for (Expectation e : scenario.expectations()) {
            if (Expectation.NO_LOST_WRITE.equals(e.expect())) {
                e = Expectation.finalNfsRead(e.path());
            } else if (!Expectation.CONTENT.equals(e.expect())) {
                continue;
            }
            String step = Checks.contentStep(e);
            if (history.completion(step).isPresent()) {
                continue; // read once per protocol and path
            }
            history.record(CHECK, EventKind.INVOKE, e.protocol() + ".read", e.path(), step);
            try {
                String got = e.protocol().equals(ClientSpec.SMB)
                        ? smbRead(setup.paths().smb(e.path()))
                        : nfsRead(setup.paths().nfs(e.path()));
                history.record(CHECK, EventKind.OK, e.protocol() + ".read", got, step);
            } catch (IOException ex) {
                String status = NfsClient.statusOf(ex);
                history.record(
                        CHECK, EventKind.FAIL, e.protocol() + ".read", status != null ? status : ex.getMessage(), step);
            }
        }
    }

    private String smbRead(String path) throws IOException {
        SmbLeaseClient c = smb.get(CHECK);
        if (c == null) {
            c = connectSmb(CHECK);
            smb.put(CHECK, c);
        }
        SmbOpen o = c.open(path);
        try {
            return text(c.read(o, 0));
        } finally {
            c.close(o);
        }
    }

    private String nfsRead(String path) throws IOException {
        NfsClient d = nfs.get(CHECK);
        if (d == null) {
            NfsEndpoint n = setup.nfs().orElseThrow(() -> new ScenarioError("target offers no NFS"));
            d = n.connect(nfsOptions(CHECK));
            nfs.put(CHECK, d);
        }
        return text(d.read(path));
    }

    List<HistoryEvent> events() {
        return history.events();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        caching.values().forEach(CachingSmbClient::close);
        for (Map.Entry<String, SmbLeaseClient> c : smb.entrySet()) {
            try {
                c.getValue().close();
            } catch (RuntimeException e) {
                log.debug("closing SMB client {}: {}", c.getKey(), e.toString());
            }
        }
        nfs.values().forEach(NfsClient::close);
        if (extra != null) {
            extra.close();
        }
        if (setup != null) {
            setup.close();
        }
    }
}
