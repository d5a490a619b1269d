package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.clients.nfs.NfsClientDriver;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakAckResult;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
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
    private final Map<String, NfsClientDriver> nfs = new LinkedHashMap<>();
    private final Map<String, SmbOpen> handles = new HashMap<>(); // "client/handle"
    private final Map<String, UUID> leaseKeys = new HashMap<>(); // "client/handle"
    private final Map<String, LeaseBreakEvent> lastBreak = new HashMap<>();
    private final Map<String, Future<?>> pending = new LinkedHashMap<>();
    private final List<String> stepFailures = new ArrayList<>();

    ScenarioExecution(Scenario scenario, Target target, long seed) {
        this.scenario = scenario;
        this.target = target;
        this.seed = seed;
        this.random = new Random(seed * 31 + scenario.id().hashCode());
        this.history = new History(seed);
    }

    ScenarioResult execute() {
        long t0 = System.nanoTime();
        Optional<String> skip = skipReason();
        if (skip.isPresent()) {
            return result(Verdict.SKIPPED, skip.get(), t0);
        }
        history.record(ENGINE, EventKind.INFO, "scenario.start", scenario.id() + " seed=" + seed, null);
        try {
            connectClients();
            for (Step s : scenario.steps()) {
                runStep(s);
            }
            for (String id : new ArrayList<>(pending.keySet())) {
                join(id, scenario.stepTimeout());
            }
            readForContentChecks();
        } catch (ScenarioError e) {
            history.record(ENGINE, EventKind.FAIL, "scenario", e.getMessage(), null);
            return result(Verdict.ERROR, e.getMessage(), t0);
        } catch (IOException | RuntimeException e) {
            history.record(ENGINE, EventKind.FAIL, "scenario", String.valueOf(e), null);
            return result(Verdict.ERROR, "harness error: " + e, t0);
        }
        List<Checks.Outcome> outcomes = Checks.evaluate(scenario, history.events());
        List<String> failed = new ArrayList<>(stepFailures);
        outcomes.stream().filter(o -> !o.held()).forEach(o -> failed.add(o.reason()));
        if (failed.isEmpty()) {
            String why = outcomes.isEmpty()
                    ? "all steps succeeded"
                    : String.join(
                            "; ", outcomes.stream().map(Checks.Outcome::reason).toList());
            return result(Verdict.PASS, why, t0);
        }
        return result(Verdict.FAIL, String.join("; ", failed), t0);
    }

    private ScenarioResult result(Verdict v, String reason, long t0) {
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
        if (scenario.uses(ClientSpec.SMB) && target.smb().isEmpty()) {
            return Optional.of("target offers no SMB");
        }
        if (scenario.uses(ClientSpec.NFS)) {
            Optional<NfsEndpoint> n = target.nfs();
            if (n.isEmpty()) {
                return Optional.of("target offers no NFS");
            }
            if (!n.get().reachableByPortmapper()) {
                return Optional.of("NFS portmapper is on port " + n.get().portmapPort()
                        + ", but nfs-client-java only asks port 111");
            }
        }
        return Optional.empty();
    }

    private UUID seededUuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void connectClients() throws IOException {
        for (Map.Entry<String, ClientSpec> c : scenario.clients().entrySet()) {
            String name = c.getKey();
            if (c.getValue().protocol().equals(ClientSpec.SMB)) {
                smb.put(name, connectSmb(name));
            } else {
                NfsEndpoint n = target.nfs().orElseThrow();
                nfs.put(name, NfsClientDriver.connect(n.host(), n.exportPath()));
            }
            history.record(name, EventKind.INFO, "connect", c.getValue().protocol(), null);
        }
    }

    private SmbLeaseClient connectSmb(String name) throws IOException {
        SmbEndpoint e = target.smb().orElseThrow();
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
            synchronized (stepFailures) {
                stepFailures.add(msg);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioError("interrupted while joining " + stepId);
        } catch (ExecutionException e) {
            throw new ScenarioError("step " + stepId + " crashed: " + e.getCause(), e.getCause());
        }
    }

    /** Runs one step, recording invoke and ok/fail; a target failure is noted, a scenario bug thrown. */
    private void perform(Step s) {
        history.record(s.client(), EventKind.INVOKE, s.op(), s.describeArgs(), s.id());
        try {
            Outcome o = call(s);
            history.record(s.client(), o.kind, s.op(), o.detail, s.id());
        } catch (ScenarioError e) {
            history.record(s.client(), EventKind.FAIL, s.op(), e.getMessage(), s.id());
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String status = NfsClientDriver.statusOf(e);
            String msg = status != null ? status : e.getMessage() != null ? e.getMessage() : e.toString();
            history.record(s.client(), EventKind.FAIL, s.op(), msg, s.id());
            synchronized (stepFailures) {
                stepFailures.add("step " + s.id() + " (" + s.op() + ") failed: " + msg);
            }
        }
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
                String key = s.client() + "/" + s.handleName();
                UUID leaseKey = s.lease() == null ? null : leaseKeys.computeIfAbsent(key, k -> seededUuid());
                LeaseVersion v = s.leaseVersion() == null ? LeaseVersion.V2 : LeaseVersion.parse(s.leaseVersion());
                SmbOpen o = c.open(path(s), leaseKey, s.lease() == null ? 0 : LeaseBits.parse(s.lease()), v);
                synchronized (handles) {
                    handles.put(key, o);
                }
                yield Outcome.ok(
                        s.lease() == null
                                ? "opened"
                                : "granted " + LeaseBits.format(o.leaseState()) + " epoch=" + o.leaseEpoch());
            }
            case "smb.write" -> {
                int n = smbClient(s).write(handle(s), s.offsetOrZero(), bytes(s));
                yield Outcome.ok(n + " bytes");
            }
            case "smb.read" -> Outcome.ok(checkValue(s, text(smbClient(s).read(handle(s), 0))));
            case "smb.close" -> {
                SmbOpen o = handle(s);
                smbClient(s).close(o);
                synchronized (handles) {
                    handles.remove(s.client() + "/" + s.handleName());
                }
                yield Outcome.ok("closed");
            }
            case "smb.await-break" -> {
                LeaseBreakEvent e = smbClient(s).awaitBreak(timeout);
                synchronized (lastBreak) {
                    lastBreak.put(s.client(), e);
                }
                yield Outcome.ok(BreakDetail.format(e));
            }
            case "smb.ack" -> {
                LeaseBreakEvent e;
                synchronized (lastBreak) {
                    e = lastBreak.get(s.client());
                }
                if (e == null) {
                    throw new ScenarioError(
                            "step " + s.id() + ": no awaited break to acknowledge (add smb.await-break)");
                }
                int state = s.lease() != null ? LeaseBits.parse(s.lease()) : e.newState();
                LeaseBreakAckResult r = smbClient(s).ack(e.leaseKey(), state);
                String detail = LeaseBits.format(state) + " -> " + r.statusHex()
                        + (r.leaseState() >= 0 ? " " + LeaseBits.format(r.leaseState()) : "");
                if (!r.success()) {
                    throw new IOException("ack " + detail);
                }
                yield new Outcome(EventKind.ACK, detail);
            }
            case "nfs.write" -> Outcome.ok(nfsClient(s).write(path(s), bytes(s), s.offsetOrZero()) + " bytes");
            case "nfs.read" -> Outcome.ok(checkValue(s, text(nfsClient(s).read(path(s)))));
            case "nfs.remove" -> {
                nfsClient(s).remove(path(s));
                yield Outcome.ok("removed");
            }
            case "nfs.rename" -> {
                if (s.to() == null) {
                    throw new ScenarioError("step " + s.id() + ": nfs.rename needs 'to'");
                }
                nfsClient(s).rename(path(s), s.to());
                yield Outcome.ok("renamed");
            }
            case "nfs.create" -> {
                nfsClient(s).create(path(s));
                yield Outcome.ok("created");
            }
            default -> throw new ScenarioError("step " + s.id() + ": unsupported op " + s.op());
        };
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

    private NfsClientDriver nfsClient(Step s) {
        return nfs.get(s.client());
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

    /** Reads each file named by a content expectation, recording the result under its check step. */
    private void readForContentChecks() throws IOException {
        for (Expectation e : scenario.expectations()) {
            if (!Expectation.CONTENT.equals(e.expect())) {
                continue;
            }
            String step = Checks.contentStep(e);
            history.record(CHECK, EventKind.INVOKE, e.protocol() + ".read", e.path(), step);
            try {
                String got = e.protocol().equals(ClientSpec.SMB) ? smbRead(e.path()) : nfsRead(e.path());
                history.record(CHECK, EventKind.OK, e.protocol() + ".read", got, step);
            } catch (IOException ex) {
                String status = NfsClientDriver.statusOf(ex);
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
        NfsClientDriver d = nfs.get(CHECK);
        if (d == null) {
            NfsEndpoint n = target.nfs().orElseThrow(() -> new ScenarioError("target offers no NFS"));
            d = NfsClientDriver.connect(n.host(), n.exportPath());
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
        for (Map.Entry<String, SmbLeaseClient> c : smb.entrySet()) {
            try {
                c.getValue().close();
            } catch (RuntimeException e) {
                log.debug("closing SMB client {}: {}", c.getKey(), e.toString());
            }
        }
        nfs.values().forEach(NfsClientDriver::close);
    }
}
