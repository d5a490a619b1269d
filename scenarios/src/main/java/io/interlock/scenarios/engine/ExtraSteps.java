package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.nlm.NlmCallback;
import io.interlock.scenarios.clients.nlm.NlmCallbackListener;
import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;
import io.interlock.scenarios.clients.nlm.NlmTestResult;
import io.interlock.scenarios.clients.rpc.PortmapClient;
import io.interlock.scenarios.clients.rpc.XidSequence;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.NlmCallbackRoute;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps beyond SMB and NFS data operations: NLM (our own client and callback listener), share
 * administration and the {@code smbclient -L} peer, the server's lease and break views. One per
 * scenario run; owned and closed by {@link ScenarioExecution}.
 */
final class ExtraSteps implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExtraSteps.class);
    private static final Duration NLM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SMBCLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final List<Path> SMBCLIENT =
            List.of(Path.of("/usr/bin/smbclient"), Path.of("/usr/local/bin/smbclient"));

    private final TargetSetup setup;
    private final History history;
    private final Map<String, NlmClient> nlm = new LinkedHashMap<>();
    private final Map<String, byte[]> fileHandles = new HashMap<>();
    private final Map<String, CompletableFuture<NlmCallback>> grants = new HashMap<>();
    private final Map<String, TargetAdmin.BreakCount> baseline = new HashMap<>();
    private final Function<String, NfsClientOptions> clientOptions;
    private NlmCallbackListener listener;
    /** The listener listens where the target's NLM calls back ({@link TargetSetup#nlmCallback}). */
    private boolean callbacksRouted;

    private NfsClient lookups;

    /**
     * @param clientOptions the options of the NFS/NLM client of a given name (its xid seed above all)
     */
    ExtraSteps(TargetSetup setup, History history, Function<String, NfsClientOptions> clientOptions) {
        this.setup = setup;
        this.history = history;
        this.clientOptions = clientOptions;
    }

    /** Notes the break counters the scenario's server.breaks steps will be compared with. */
    void captureBaseline(Scenario scenario) {
        Optional<TargetAdmin> admin = setup.admin();
        if (admin.isEmpty()) {
            return;
        }
        for (Step s : scenario.steps()) {
            if (s.op().equals("server.breaks")) {
                baseline.putIfAbsent(s.trigger(), admin.get().breaks(s.trigger()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // NLM

    /**
     * Connects an NLM client named {@code name} (its caller_name) straight to the target's NLM port
     * (asked of the target's portmapper only when the endpoint does not give it), starting the
     * callback listener once and registering it in the target's portmapper, if it runs one.
     */
    void connectNlm(String name) throws IOException {
        NfsEndpoint n = setup.nfs().orElseThrow(() -> new ScenarioSkip("target offers no NFS, so no NLM"));
        Optional<InetSocketAddress> portmapper = n.portmapper();
        InetSocketAddress server;
        if (n.nlmPort() > 0) {
            server = n.address(n.nlmPort());
        } else if (portmapper.isPresent()) {
            NfsClientOptions o = clientOptions.apply(name);
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
        Optional<NlmCallbackRoute> route = setup.nlmCallback();
        if (listener == null) {
            NfsClientOptions o = clientOptions.apply("nlm-callback");
            if (route.isPresent()) {
                // the target maps NLM on the caller_name host to this address itself
                listener = NlmCallbackListener.start(
                        NlmCallbackListener.NLM_PROGRAM, route.get().listen(), o.activity(), o.xidSeed());
                callbacksRouted = true;
            } else {
                listener = NlmCallbackListener.start(NlmCallbackListener.CALLBACK_PROGRAM, o.activity(), o.xidSeed());
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
        NfsClientOptions o = clientOptions.apply(name);
        String caller = route.map(NlmCallbackRoute::callerName).orElse(name);
        nlm.put(name, NlmClient.connect(server, caller, listener, NLM_TIMEOUT, o.activity(), o.xidSeed()));
    }

    private NlmClient nlmClient(Step s) {
        NlmClient c = nlm.get(s.client());
        if (c == null) {
            throw new ScenarioError("step " + s.id() + ": " + s.client() + " is not an NLM client");
        }
        return c;
    }

    private synchronized byte[] fileHandle(String path) throws IOException {
        byte[] fh = fileHandles.get(path);
        if (fh == null) {
            if (lookups == null) {
                NfsEndpoint n = setup.nfs().orElseThrow(() -> new ScenarioSkip("target offers no NFS"));
                lookups = n.connect(clientOptions.apply("nlm-lookups"));
            }
            fh = lookups.fileHandle(setup.paths().nfs(path));
            fileHandles.put(path, fh);
        }
        return fh;
    }

    /** The owner of a client's locks: svid from the step or derived from the name, oh = svid@name. */
    private static int svid(Step s) {
        return s.svid() != null ? s.svid() : 1000 + Math.floorMod(s.client().hashCode(), 30000);
    }

    private NlmLockSpec lockSpec(Step s) throws IOException {
        if (s.path() == null) {
            throw new ScenarioError("step " + s.id() + ": " + s.op() + " needs a path");
        }
        return NlmLockSpec.of(fileHandle(s.path()), svid(s), s.client(), s.offsetOrZero(), s.lengthOrZero());
    }

    private static String grantKey(Step s, NlmLockSpec l) {
        return s.client() + "/" + s.path() + "/" + l.svid() + "/" + l.offset() + "+" + l.length() + "/"
                + s.isExclusive();
    }

    private static boolean statMatches(String alternatives, NlmStat st) {
        for (String alt : alternatives.split("\\|")) {
            String a = alt.strip();
            if (a.equalsIgnoreCase(st.name()) || a.equalsIgnoreCase("NLM4_" + st.name())) {
                return true;
            }
        }
        return false;
    }

    private static StepStatusException nlmFailure(Step s, NlmStat st, String expected) {
        return new StepStatusException(
                "NLM4_" + st.name(), s.op() + " answered NLM4_" + st.name() + ", expected " + expected);
    }

    String nlmLock(Step s) throws IOException {
        NlmClient c = nlmClient(s);
        NlmLockSpec l = lockSpec(s);
        boolean excl = s.isExclusive();
        CompletableFuture<NlmCallback> granted = null;
        if (s.isBlocking() && (listener == null || !(callbacksRouted || listener.registered()))) {
            throw new ScenarioSkip("the target runs no portmapper where the engine's NLM callback listener can"
                    + " register, so a blocked NLM lock could never be granted");
        }
        if (s.isBlocking()) {
            // registered before the LOCK is sent: the GRANTED may beat the BLOCKED reply
            granted = c.granted(l, excl);
            String client = s.client();
            granted.thenAccept(cb -> history.record(
                    client,
                    EventKind.INFO,
                    "nlm.granted",
                    "GRANTED callback for " + l + " answered " + cb.answered(),
                    s.id()));
        }
        NlmStat st = c.lock(l, excl, s.isBlocking(), Boolean.TRUE.equals(s.reclaim()));
        String expected = s.value() != null ? s.value() : s.isBlocking() ? "GRANTED|BLOCKED" : "GRANTED";
        if (st == NlmStat.BLOCKED && granted != null) {
            synchronized (grants) {
                grants.put(grantKey(s, l), granted);
            }
        }
        if (!statMatches(expected, st)) {
            throw nlmFailure(s, st, expected);
        }
        return st.name();
    }

    String nlmTest(Step s) throws IOException {
        NlmTestResult r = nlmClient(s).test(lockSpec(s), s.isExclusive());
        String got = r.stat().name();
        String detail = got;
        if (r.holder() != null) {
            detail += " holder " + (r.holder().exclusive() ? "exclusive " : "shared ")
                    + Long.toUnsignedString(r.holder().offset()) + "+"
                    + Long.toUnsignedString(r.holder().length())
                    + " svid=" + r.holder().svid();
        }
        if (s.value() != null && !statMatches(s.value(), r.stat())) {
            throw nlmFailure(s, r.stat(), s.value());
        }
        if (s.holder() != null) {
            if (r.holder() == null) {
                throw new IOException("TEST answered " + got + " without a holder, expected holder " + s.holder());
            }
            String h = (r.holder().exclusive() ? "exclusive " : "shared ")
                    + Long.toUnsignedString(r.holder().offset()) + "+"
                    + Long.toUnsignedString(r.holder().length());
            if (!h.equals(s.holder().strip())) {
                throw new IOException("TEST reported holder " + h + ", expected " + s.holder());
            }
        }
        return detail;
    }

    String nlmUnlock(Step s) throws IOException {
        NlmStat st = nlmClient(s).unlock(lockSpec(s));
        if (st != NlmStat.GRANTED) {
            throw nlmFailure(s, st, "GRANTED");
        }
        return st.name();
    }

    String nlmCancel(Step s) throws IOException {
        NlmLockSpec l = lockSpec(s);
        synchronized (grants) {
            grants.remove(grantKey(s, l));
        }
        NlmStat st = nlmClient(s).cancel(l, s.isExclusive());
        if (st != NlmStat.GRANTED) {
            throw nlmFailure(s, st, "GRANTED");
        }
        return st.name();
    }

    String nlmAwaitGranted(Step s, Duration timeout) throws Exception {
        NlmLockSpec l = lockSpec(s);
        CompletableFuture<NlmCallback> f;
        synchronized (grants) {
            f = grants.remove(grantKey(s, l));
        }
        if (f == null) {
            throw new IOException("no blocked nlm.lock of " + l + " (exclusive=" + s.isExclusive() + ") to wait for");
        }
        try {
            NlmCallback cb = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return "GRANTED callback at " + cb.at() + ", answered " + cb.answered();
        } catch (TimeoutException e) {
            throw new IOException("no GRANTED callback for " + l + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException("waiting for GRANTED of " + l + " failed: " + e.getCause(), e.getCause());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Target administration and views

    /**
     * The target's admin view. Without one, share changes skip the scenario (its later steps depend
     * on them); the observing steps (server.breaks, smb.lease-state) skip only themselves.
     */
    private TargetAdmin admin(Step s) {
        return setup.admin().orElseThrow(() -> {
            String why = s.op() + " needs an admin endpoint on the target (share changes, lease table, break"
                    + " counters: the embedded server or interlock serve --admin)";
            return s.op().startsWith("share.") ? new ScenarioSkip(why) : new StepSkip(why);
        });
    }

    String shareChange(Step s) throws IOException {
        TargetAdmin a = admin(s);
        switch (s.op()) {
            case "share.add" -> a.addShare(s.share());
            case "share.remove" -> {
                if (!a.removeShare(s.share())) {
                    throw new IOException("no share " + s.share() + " to remove");
                }
            }
            case "share.disable" -> {
                if (!a.disableShare(s.share())) {
                    throw new IOException("no share " + s.share() + " to disable");
                }
            }
            default -> throw new ScenarioError("step " + s.id() + ": not a share change " + s.op());
        }
        return s.op().substring("share.".length()) + " " + s.share();
    }

    /** {@code smbclient -L //host -p PORT -U user%pass -g}: the outside peer's view of the share list. */
    String shareList(Step s) throws Exception {
        Path tool = SMBCLIENT.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new ScenarioSkip("smbclient is not installed (looked in " + SMBCLIENT + ")"));
        SmbEndpoint e = setup.smb().orElseThrow(() -> new ScenarioSkip("target offers no SMB"));
        Path dir = Files.createTempDirectory("interlock-smbclient");
        try {
            Path conf = dir.resolve("smb.conf");
            Files.writeString(conf, "[global]\n");
            List<String> cmd = List.of(
                    tool.toString(),
                    "-L",
                    "//" + e.host(),
                    "-p",
                    String.valueOf(e.port()),
                    "-U",
                    e.user() + "%" + e.password(),
                    "-g",
                    "-s",
                    conf.toString());
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(SMBCLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("smbclient -L did not finish within " + SMBCLIENT_TIMEOUT);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            List<String> disks = new ArrayList<>();
            for (String line : text.split("\n")) {
                String[] f = line.strip().split("\\|", -1);
                if (f.length >= 2 && f[0].equals("Disk")) {
                    disks.add(f[1]);
                }
            }
            if (p.exitValue() != 0 && disks.isEmpty()) {
                throw new IOException("smbclient -L exited " + p.exitValue() + ": " + text.strip());
            }
            boolean listed = disks.contains(s.share());
            String detail = "disk shares " + disks;
            if (listed != Boolean.TRUE.equals(s.present())) {
                throw new IOException(s.share() + (listed ? " is listed" : " is not listed") + ", expected it "
                        + (s.present() ? "listed" : "absent") + "; " + detail);
            }
            return detail;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    String serverBreaks(Step s) throws IOException {
        TargetAdmin a = admin(s);
        TargetAdmin.BreakCount now = a.breaks(s.trigger());
        TargetAdmin.BreakCount before = baseline.getOrDefault(s.trigger(), new TargetAdmin.BreakCount(0, 0));
        long count = now.count() - before.count();
        long timedOut = now.timedOut() - before.timedOut();
        String detail = s.trigger() + " breaks finished " + count + ", timed out " + timedOut;
        if (count != s.count() || (s.timedOut() != null && timedOut != s.timedOut())) {
            throw new IOException(
                    detail + "; expected " + s.count() + " and " + (s.timedOut() == null ? "any" : s.timedOut()));
        }
        return detail;
    }

    /**
     * Waits, bounded by {@code timeout}, until the server's view of the lease ({@code clientGuid},
     * {@code leaseKey}) is {@code s.value()} and not breaking. The view is read every 10 ms: there
     * is no event to wait on from outside the server.
     */
    String leaseState(Step s, UUID clientGuid, UUID leaseKey, Duration timeout) throws IOException {
        TargetAdmin a = admin(s);
        int want = LeaseBits.parse(s.value());
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<TargetAdmin.LeaseSnapshot> v;
        UUID wireGuid = msDtypGuid(clientGuid);
        while (true) {
            v = a.lease(wireGuid, leaseKey).or(() -> a.lease(clientGuid, leaseKey));
            if (v.isPresent() && v.get().state() == want && !v.get().breaking()) {
                return "server holds " + LeaseBits.format(want) + ", not breaking";
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for the lease state");
            }
        }
        throw new IOException(v.map(x -> "server lease state " + LeaseBits.format(x.state())
                                + (x.breaking() ? " breaking to " + LeaseBits.format(x.breakTo()) : ""))
                        .orElse("server has no such lease")
                + " after " + timeout + ", expected " + LeaseBits.format(want));
    }

    /**
     * smbj puts the ClientGuid on the wire as an MS-DTYP GUID (Data1, Data2, Data3 little-endian);
     * a server that keeps the 16 wire bytes as they came sees this UUID.
     */
    static UUID msDtypGuid(UUID u) {
        long m = u.getMostSignificantBits();
        long d1 = Integer.toUnsignedLong(Integer.reverseBytes((int) (m >>> 32)));
        long d2 = Short.toUnsignedLong(Short.reverseBytes((short) (m >>> 16)));
        long d3 = Short.toUnsignedLong(Short.reverseBytes((short) m));
        return new UUID(d1 << 32 | d2 << 16 | d3, u.getLeastSignificantBits());
    }

    @Override
    public void close() {
        Set<String> freed = new HashSet<>();
        for (Map.Entry<String, NlmClient> c : nlm.entrySet()) {
            try {
                // drop whatever the scenario left locked (a failed run stops early): the lock table
                // outlives the scenario's share
                if (freed.add(c.getValue().callerName())) {
                    c.getValue().freeAll(c.getValue().callerName(), 1);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("FREE_ALL for {}: {}", c.getKey(), e.toString());
            }
            try {
                c.getValue().close();
            } catch (IOException e) {
                log.debug("closing NLM client {}: {}", c.getKey(), e.toString());
            }
        }
        if (listener != null) {
            listener.close();
        }
        if (lookups != null) {
            lookups.close();
        }
    }
}
