package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.scenarios.clients.nfs.JukeboxRetry;
import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.nlm.NlmCallbackListener;
import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmSession;
import io.interlock.scenarios.clients.rpc.PortmapClient;
import io.interlock.scenarios.clients.rpc.XidSequence;
import io.interlock.scenarios.clients.smb.CachingSmbClient;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakAckResult;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeasingSmbClient;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.ops.ServerBreaksOp;
import io.interlock.scenarios.ops.Step;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of one program run, by name: connected at the start, closed at the end, plus the
 * state the steps share (open handles, lease keys, the breaks each client took, JUKEBOX counts) and
 * the engine's own check clients.
 */
final class ProgramClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgramClients.class);
    private static final Duration NLM_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longer than a real server's break timeout (MS-SMB2: 35 s): a CREATE answered STATUS_PENDING
     * while the server breaks another client's lease waits that long before its reply (on Samba
     * under explore, a 30 s bound cut such opens short, client-side).
     */
    private static final Duration SMB_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than any break timeout the catalog uses: a WAIT-policy WRITE reply waits for the break. */
    private static final Duration NFS_TIMEOUT = Duration.ofSeconds(60);

    private final Scenario program;
    private final Lanes lanes;
    private final History history;
    private final SplittableRandom keys;
    private final long seed;
    private final Map<String, SmbClient> smb = new LinkedHashMap<>();
    private final Map<String, SmbLeaseClient> wires = new LinkedHashMap<>();
    private final Map<String, NfsClient> nfs = new LinkedHashMap<>();
    private final Map<String, NlmSession> nlm = new LinkedHashMap<>();
    private final Map<String, SmbOpen> handles = new ConcurrentHashMap<>(); // client/handle
    private final Map<String, UUID> leaseKeys = new HashMap<>(); // client/handle, guarded by this
    private final Map<String, LeaseBreakEvent> lastBreak = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> jukeboxes = new ConcurrentHashMap<>();
    private final Map<String, TargetAdmin.BreakCount> baseline = new HashMap<>();
    private final ThreadLocal<String> jukeboxStep = new ThreadLocal<>();
    private TargetSetup setup;
    private JukeboxRetry.Backoff backoff = JukeboxRetry.Backoff.REAL;
    private NlmCallbackListener listener;
    /** The listener listens where the target's NLM calls back ({@link TargetSetup#nlmCallback}). */
    private boolean callbacksRouted;
    /** Per NLM client, the NFS client that looks its file handles up (each used on one lane only). */
    private final Map<String, NfsClient> lookups = new ConcurrentHashMap<>();

    /**
     * @param seed where every value the clients make up comes from (client GUIDs, lease keys, xids):
     *     the same for every run of the same program, so a replay sends the same bytes
     */
    ProgramClients(Scenario program, Lanes lanes, History history, long seed) {
        this.program = program;
        this.lanes = lanes;
        this.history = history;
        this.seed = seed;
        this.keys = new SplittableRandom(seed);
    }

    /**
     * Connects every client of the program; {@code onBreak} hears every lease break, on the receive
     * thread; {@code connected} hears each client's name before its connections are opened.
     */
    void connect(
            TargetSetup setup,
            BiConsumer<String, LeaseBreakEvent> onBreak,
            java.util.function.Consumer<String> connected,
            JukeboxRetry.Backoff backoff)
            throws IOException {
        this.setup = setup;
        this.backoff = backoff;
        for (Map.Entry<String, ClientSpec> c : program.clients().entrySet()) {
            String name = c.getKey();
            ClientSpec spec = c.getValue();
            connected.accept(name);
            switch (spec.protocol()) {
                case ClientSpec.SMB -> {
                    SmbClient client = PathMapped.smb(connectSmb(name, spec), setup.paths());
                    client.addBreakListener(e -> onBreak.accept(name, e));
                    smb.put(name, client);
                }
                case ClientSpec.NLM -> nlm.put(name, connectNlm(name));
                default -> nfs.put(name, connectNfs(name));
            }
            history.record(name, EventKind.INFO, "connect", spec.protocol(), null);
        }
    }

    private SmbClient connectSmb(String name, ClientSpec spec) throws IOException {
        SmbLeaseClient wire = smbWire();
        wires.put(name, wire);
        if (spec.isCaching()) {
            return new CachingSmbClient(new LeasingSmbClient(wire, false), new CacheRecorder(name));
        }
        return new LeasingSmbClient(wire, spec.reacts());
    }

    private SmbLeaseClient smbWire() throws IOException {
        SmbEndpoint e = setup.smb().orElseThrow(() -> new ScenarioSkip("target offers no SMB"));
        UUID guid;
        synchronized (leaseKeys) {
            guid = new UUID(keys.nextLong(), keys.nextLong());
        }
        return SmbLeaseClient.connect(
                e.host(),
                e.port(),
                e.share(),
                e.user(),
                e.password(),
                guid,
                SMB_TIMEOUT,
                SmbLeaseClient.Options.DEFAULT.with(lanes));
    }

    private NfsClient connectNfs(String name) throws IOException {
        NfsEndpoint n = setup.nfs().orElseThrow(() -> new ScenarioSkip("target offers no NFS"));
        NfsClient d = PathMapped.nfs(n.connect(nfsOptions(name)), setup.paths());
        d.onJukebox((what, attempt) -> {
            String step = jukeboxStep.get();
            history.record(
                    name, EventKind.INFO, "nfs.jukebox", what + ": attempt " + attempt + " NFS3ERR_JUKEBOX", step);
            if (step != null) {
                jukeboxes.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
            }
        });
        return d;
    }

    /**
     * How the engine's NFS and NLM clients are set up: explicit ports (no portmapper), activity
     * reported to the lanes, xids from a seed derived from the run seed and the client's name (so a
     * replay sends the same xids).
     */
    private NfsClientOptions nfsOptions(String client) {
        long mix = (seed + 1) * 0x9E3779B97F4A7C15L + client.hashCode() * 0xC2B2AE3D27D4EB4FL;
        NfsClientOptions o = NfsClientOptions.defaults((int) (mix ^ (mix >>> 32)))
                .withTimeout(NFS_TIMEOUT)
                .withActivity(lanes);
        return o.withRetry(o.retry().with(backoff));
    }

    /**
     * Connects an NLM client named {@code name} (its caller_name) straight to the target's NLM port
     * (asked of the target's portmapper only when the endpoint does not give it), starting the
     * callback listener once and registering it in the target's portmapper, if it runs one.
     */
    private NlmSession connectNlm(String name) throws IOException {
        NfsEndpoint n = setup.nfs().orElseThrow(() -> new ScenarioSkip("target offers no NFS, so no NLM"));
        Optional<InetSocketAddress> portmapper = n.portmapper();
        InetSocketAddress server;
        if (n.nlmPort() > 0) {
            server = n.address(n.nlmPort());
        } else if (portmapper.isPresent()) {
            NfsClientOptions o = nfsOptions(name);
            int port = new PortmapClient(
                            portmapper.get(), NLM_TIMEOUT, new XidSequence(o.xidSeed()), name, o.activity())
                    .getPort(NlmClient.NLM_PROGRAM, NlmClient.NLM_VERSION);
            if (port == 0) {
                throw new ScenarioSkip("target registers no NLM v4 over TCP at " + portmapper.get());
            }
            server = n.address(port);
        } else {
            throw new ScenarioSkip("target " + n + " gives no NLM port and runs no portmapper");
        }
        java.util.Optional<io.interlock.scenarios.targets.NlmCallbackRoute> route = setup.nlmCallback();
        if (listener == null) {
            NfsClientOptions o = nfsOptions("nlm-callback");
            // the server's GRANTED callbacks come straight to the listener, not through a proxy: the
            // server counts as busy until the listener answered, so the listener reports nothing
            io.interlock.scenarios.clients.ClientActivity none = io.interlock.scenarios.clients.ClientActivity.NONE;
            if (route.isPresent()) {
                // the target maps NLM on the caller_name host to this address itself
                listener = NlmCallbackListener.start(
                        NlmCallbackListener.NLM_PROGRAM, route.get().listen(), none, o.xidSeed());
                callbacksRouted = true;
            } else {
                listener = NlmCallbackListener.start(NlmCallbackListener.CALLBACK_PROGRAM, none, o.xidSeed());
                if (portmapper.isPresent()) {
                    try {
                        listener.registerWith(portmapper.get());
                    } catch (IOException e) {
                        // e.g. a real server's rpcbind refuses SET from another host (AUTH_TOOWEAK):
                        // only blocked locks need the listener, and they are skipped then
                        history.record(
                                name,
                                EventKind.INFO,
                                "nlm.callback",
                                "callback listener not registered at " + portmapper.get() + ": " + e.getMessage(),
                                null);
                    }
                }
            }
            listener.serverNlm(server);
        }
        String caller = route.map(io.interlock.scenarios.targets.NlmCallbackRoute::callerName)
                .orElse(name);
        NfsClientOptions o = nfsOptions(name);
        NlmClient c = NlmClient.connect(server, caller, listener, NLM_TIMEOUT, o.activity(), o.xidSeed());
        return new NlmSession(name, c, p -> fileHandle(name, p), () -> callbacksRouted || listener.registered());
    }

    /**
     * The NFS file handle of {@code path}, looked up for the NLM client {@code name} by an NFS client
     * of its own: no lock is shared between lanes, since a lane waiting on a lock held by a lane
     * blocked on the network would never let the system settle.
     */
    private byte[] fileHandle(String name, String path) throws IOException {
        NfsClient c = lookups.get(name);
        if (c == null) {
            c = connectNfs(name);
            lookups.put(name, c);
        }
        return c.fileHandle(path);
    }

    /** Notes the break counters the program's server.breaks steps compare with. */
    void captureBaseline(Scenario p) {
        if (setup.admin().isEmpty()) {
            return;
        }
        for (Step s : p.steps()) {
            if (s.op() instanceof ServerBreaksOp b) {
                baseline.putIfAbsent(b.trigger(), setup.admin().get().breaks(b.trigger()));
            }
        }
    }

    TargetAdmin.BreakCount baseline(String trigger) {
        return baseline.getOrDefault(trigger, new TargetAdmin.BreakCount(0, 0));
    }

    /** Every call the server made to the engine's NLM callback listener so far, in order. */
    List<io.interlock.scenarios.clients.nlm.NlmCallback> grants() {
        return listener == null ? List.of() : listener.received();
    }

    /**
     * A lease request to a server that does not offer leasing (or directory leasing) cannot be
     * granted ([MS-SMB2] 2.2.4, 3.3.5.9.8): the program is about a capability the target lacks.
     */
    void requireLeasing(String client, boolean directory) {
        SmbLeaseClient c = wires.get(client);
        if (c == null) {
            return;
        }
        if (!c.serverOffersLeasing()) {
            throw new ScenarioSkip("target offers no SMB2 leasing (NEGOTIATE without SMB2_GLOBAL_CAP_LEASING)");
        }
        if (directory && !c.serverOffersDirectoryLeasing()) {
            throw new ScenarioSkip("target offers no directory leases (NEGOTIATE without"
                    + " SMB2_GLOBAL_CAP_DIRECTORY_LEASING, dialect " + c.dialect() + ")");
        }
    }

    SmbClient smb(String client) {
        SmbClient c = smb.get(client);
        if (c == null) {
            throw new ScenarioError(client + " is not an SMB client");
        }
        return c;
    }

    NfsClient nfs(String client) {
        NfsClient c = nfs.get(client);
        if (c == null) {
            throw new ScenarioError(client + " is not an NFS client");
        }
        return c;
    }

    NlmSession nlm(String client) {
        NlmSession c = nlm.get(client);
        if (c == null) {
            throw new ScenarioError(client + " is not an NLM client");
        }
        return c;
    }

    UUID leaseKey(String client, String handle) {
        synchronized (leaseKeys) {
            // from the seed and the name alone: not from the order in which lanes first ask
            return leaseKeys.computeIfAbsent(client + "/" + handle, k -> {
                SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k.hashCode());
                return new UUID(r.nextLong(), r.nextLong());
            });
        }
    }

    void opened(String client, String handle, SmbOpen o) {
        handles.put(client + "/" + handle, o);
    }

    void closed(String client, String handle) {
        handles.remove(client + "/" + handle);
    }

    SmbOpen handle(String client, String handle) {
        SmbOpen o = handles.get(client + "/" + handle);
        if (o == null) {
            throw new MissingHandle("client " + client + " has no open handle " + handle);
        }
        return o;
    }

    void breakTaken(String client, LeaseBreakEvent e) {
        lastBreak.put(client, e);
    }

    LeaseBreakEvent lastBreak(String client) {
        return lastBreak.get(client);
    }

    /** The step the calling lane runs, for the JUKEBOX counts (null: none). */
    void jukeboxStep(String step) {
        jukeboxStep.set(step);
    }

    int jukeboxes(String step) {
        AtomicInteger n = jukeboxes.get(step);
        return n == null ? 0 : n.get();
    }

    /** Reads each file named by a content expectation, recording the result under its check step. */
    void readForContentChecks(Scenario p, TargetSetup s) throws IOException {
        SmbClient checkSmb = null;
        NfsClient checkNfs = null;
        try {
            for (Expectation e : p.expectations()) {
                if (Expectation.NO_LOST_WRITE.equals(e.expect())) {
                    e = Expectation.finalNfsRead(e.path());
                } else if (!Expectation.CONTENT.equals(e.expect())) {
                    continue;
                }
                String step = Checks.contentStep(e);
                if (history.completion(step).isPresent()) {
                    continue; // read once per protocol and path
                }
                history.record(ProgramRun.ENGINE, EventKind.INVOKE, e.protocol() + ".read", e.path(), step);
                try {
                    String got;
                    if (e.protocol().equals(ClientSpec.SMB)) {
                        if (checkSmb == null) {
                            checkSmb = PathMapped.smb(new LeasingSmbClient(smbWire(), false), setup.paths());
                        }
                        SmbOpen o = checkSmb.open(e.path(), null, 0, null, false);
                        try {
                            got = text(checkSmb.read(o).data());
                        } finally {
                            checkSmb.close(o);
                        }
                    } else {
                        if (checkNfs == null) {
                            checkNfs = connectNfs("check");
                        }
                        got = text(checkNfs.read(e.path()));
                    }
                    history.record(ProgramRun.ENGINE, EventKind.OK, e.protocol() + ".read", got, step);
                } catch (IOException ex) {
                    String status = Statuses.of(ex);
                    history.record(
                            ProgramRun.ENGINE,
                            EventKind.FAIL,
                            e.protocol() + ".read",
                            status != null ? status : ex.getMessage(),
                            step);
                }
            }
        } finally {
            if (checkSmb != null) {
                checkSmb.close();
            }
            if (checkNfs != null) {
                checkNfs.close();
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
            history.record(client, EventKind.FAIL, "smb.flush", statusOrMessage(e), Checks.flushStep(tag));
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
                    LeaseBits.format(e.newState()) + " -> " + describe(r),
                    client + ":ack");
        }

        @Override
        public void ackFailed(LeaseBreakEvent e, Exception ex) {
            history.record(client, EventKind.FAIL, "smb.ack", statusOrMessage(ex), client + ":ack");
        }
    }

    private static String statusOrMessage(Exception e) {
        String st = Statuses.of(e);
        return st != null ? st : e.getMessage();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static String describe(LeaseBreakAckResult r) {
        return r.statusHex() + (r.leaseState() >= 0 ? " " + LeaseBits.format(r.leaseState()) : "");
    }

    @Override
    public void close() {
        for (Map.Entry<String, SmbClient> c : smb.entrySet()) {
            try {
                c.getValue().close();
            } catch (RuntimeException e) {
                log.debug("closing SMB client {}: {}", c.getKey(), e.toString());
            }
        }
        java.util.Set<String> freed = new java.util.HashSet<>();
        for (NlmSession n : nlm.values()) {
            // FREE_ALL once per caller_name: clients that share one (a routed target) free it once
            n.close(freed.add(n.callerName()));
        }
        nfs.values().forEach(NfsClient::close);
        if (listener != null) {
            listener.close();
        }
        lookups.values().forEach(NfsClient::close);
    }
}
