package io.interlock.suite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.nlm.NlmCallbackListener;
import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.scenarios.targets.TargetSetup;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.smb.Smb2Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import org.opentest4j.TestAbortedException;

/**
 * What one suite test works with: the target prepared for it (its own share where the target gives
 * one), clients connected to it (closed when the test ends), the server's time, and the evidence
 * the test's verdict will carry. A capability the target lacks makes the test SKIP with the reason
 * (JUnit assumptions), never fail.
 */
public final class SuiteContext implements AutoCloseable {
    /** Bound on a reply in the suites' clients; a WAIT-policy break may hold a reply that long. */
    public static final Duration REPLY = Duration.ofSeconds(20);

    private final SuiteEnvironment env;
    private final TargetSetup setup;
    private final Evidence evidence;
    private final String testName;
    private final String token;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private NlmCallbackListener listener;
    private boolean changedByRestart;
    private java.util.concurrent.ExecutorService pool;

    SuiteContext(SuiteEnvironment env, TargetSetup setup, Evidence evidence, String testName, int number) {
        this.env = env;
        this.setup = setup;
        this.evidence = evidence;
        this.testName = testName;
        this.token = "t" + Integer.toString(number, 36) + Long.toString(System.nanoTime() & 0xFFFFF, 36);
    }

    /** SKIPs the test when the target could not be prepared for it (settings it cannot apply). */
    private void requireSetup() {
        setup.skipReason().ifPresent(r -> {
            throw new TestAbortedException(r);
        });
    }

    public Evidence evidence() {
        return evidence;
    }

    public String testName() {
        return testName;
    }

    /** Server time (virtual on the embedded target). */
    public SuiteClock clock() {
        return env.clock();
    }

    /**
     * A name no other test uses on this target ({@code prefix} plus a per-test token), for targets
     * whose share is shared by every test.
     */
    public String name(String prefix) {
        return token + "-" + prefix;
    }

    /** Notes something in the evidence (a step, a value the test checks). */
    public void note(String what, String detail) {
        evidence.info("test", what, detail);
    }

    /** Registers something to close when the test ends (in reverse order). */
    public <T extends AutoCloseable> T closeLater(T c) {
        open.push(c);
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // SMB

    public SmbEndpoint smbEndpoint() {
        requireSetup();
        Optional<SmbEndpoint> e = setup.smb();
        assumeTrue(e.isPresent(), "the target offers no SMB share");
        return e.get();
    }

    /** A new SMB connection with a fresh ClientGuid, all dialects offered. */
    public Smb2Client smb(String name) throws IOException {
        return smb(name, Smb2Client.Options.defaults());
    }

    public Smb2Client smb(String name, Smb2Client.Options options) throws IOException {
        return smb(name, smbEndpoint().share(), options);
    }

    /** A new SMB connection to another share (e.g. IPC$). */
    public Smb2Client smb(String name, String share, Smb2Client.Options options) throws IOException {
        try {
            return closeLater(Smb2Client.connect(smbEndpoint(), share, options, evidence, name));
        } catch (Smb2Client.Unsupported e) {
            throw new TestAbortedException(e.getMessage());
        }
    }

    /** A fresh lease key. */
    public static UUID key() {
        return UUID.randomUUID();
    }

    // ---------------------------------------------------------------------------------------------
    // NFS, MOUNT, RPC

    public NfsEndpoint nfsEndpoint() {
        requireSetup();
        Optional<NfsEndpoint> e = setup.nfs();
        assumeTrue(e.isPresent(), "the target offers no NFS export");
        return e.get();
    }

    /** The engine's NFSv3 client on the test's export. */
    public NfsClient nfs() throws IOException {
        NfsEndpoint e = nfsEndpoint();
        return closeLater(
                e.connect(NfsClientOptions.defaults((int) System.nanoTime()).withTimeout(REPLY)));
    }

    /** MOUNT's TCP address (from the endpoint, else the target's portmapper). */
    public InetSocketAddress mountAddress() throws IOException {
        NfsEndpoint e = nfsEndpoint();
        return e.address(port(e, e.mountPort(), NfsEndpoint.MOUNT_PROGRAM, 3, "MOUNT v3"));
    }

    /** NFS's TCP address. */
    public InetSocketAddress nfsAddress() throws IOException {
        NfsEndpoint e = nfsEndpoint();
        return e.address(port(e, e.nfsPort(), NfsEndpoint.NFS_PROGRAM, 3, "NFS v3"));
    }

    /** NLM v4's TCP address. */
    public InetSocketAddress nlmAddress() throws IOException {
        NfsEndpoint e = nfsEndpoint();
        return e.address(port(e, e.nlmPort(), NlmClient.NLM_PROGRAM, 4, "NLM v4"));
    }

    /** The target's portmapper, or SKIP. */
    public InetSocketAddress portmapper() {
        NfsEndpoint e = nfsEndpoint();
        assumeTrue(e.portmapPort() > 0, "the target runs no portmapper");
        return e.address(e.portmapPort());
    }

    private int port(NfsEndpoint e, int known, int prog, int vers, String what) throws IOException {
        if (known > 0) {
            return known;
        }
        assumeTrue(e.portmapPort() > 0, "the target names no port for " + what + " and runs no portmapper");
        int p = new io.interlock.scenarios.clients.rpc.PortmapClient(
                        e.address(e.portmapPort()),
                        REPLY,
                        new io.interlock.scenarios.clients.rpc.XidSequence((int) System.nanoTime()),
                        "interlock-suite",
                        io.interlock.scenarios.clients.ClientActivity.NONE)
                .getPort(prog, vers);
        assumeTrue(p > 0, "the target's portmapper maps no " + what);
        return p;
    }

    /** NFSv3 and MOUNT procedure by procedure on the test's export. */
    public io.interlock.suite.nfs.Nfs3Raw nfsRaw(String name) throws IOException {
        return closeLater(io.interlock.suite.nfs.Nfs3Raw.connect(
                mountAddress(), nfsAddress(), nfsEndpoint().exportPath(), evidence, name, REPLY));
    }

    /** A raw RPC connection to {@code address}. */
    public RpcProbe rpc(String name, InetSocketAddress address) throws IOException {
        return closeLater(RpcProbe.connect(address, REPLY, evidence, name));
    }

    // ---------------------------------------------------------------------------------------------
    // NLM

    /**
     * The test's NLM callback listener: registered with the target's portmapper, where the server
     * looks for it (SKIP when the target runs none).
     */
    public NlmCallbackListener nlmListener() throws IOException {
        if (listener == null) {
            NlmCallbackListener l = closeLater(NlmCallbackListener.start(NlmCallbackListener.CALLBACK_PROGRAM));
            l.serverNlm(nlmAddress());
            InetSocketAddress pm = portmapper();
            l.registerWith(pm);
            listener = l;
        }
        return listener;
    }

    /** An NLM client with this caller_name; with a listener when {@code callbacks}. */
    public NlmClient nlm(String callerName, boolean callbacks) throws IOException {
        NlmCallbackListener l = callbacks ? nlmListener() : null;
        return closeLater(NlmClient.connect(nlmAddress(), callerName, l, REPLY));
    }

    /** Runs {@code work} on the test's own thread pool (for calls a server holds, e.g. under WAIT). */
    public <T> java.util.concurrent.CompletableFuture<T> async(java.util.concurrent.Callable<T> work) {
        if (pool == null) {
            pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "suite-async");
                t.setDaemon(true);
                return t;
            });
            java.util.concurrent.ExecutorService p = pool;
            closeLater(p::shutdownNow);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return work.call();
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                pool);
    }

    // ---------------------------------------------------------------------------------------------
    // Administration and restarts

    /** Share changes and lease views, or SKIP when the target offers none. */
    public TargetAdmin admin() {
        requireSetup();
        Optional<TargetAdmin> a = setup.admin();
        assumeTrue(a.isPresent(), "the target offers no admin endpoint (share changes, lease table)");
        return a.get();
    }

    public Optional<TargetAdmin> adminIfAny() {
        return setup.admin();
    }

    /** Restarts the target's server (a reboot: files survive), or SKIP when it cannot be restarted. */
    public void restart(Duration nlmGrace) throws IOException {
        restart(new SuiteEnvironment.Restart(nlmGrace, false));
    }

    /** Restarts as {@code how} says, or SKIP when the target cannot be restarted. */
    public void restart(SuiteEnvironment.Restart how) throws IOException {
        Optional<SuiteEnvironment.Restarter> r = env.restarter();
        assumeTrue(r.isPresent(), "the target cannot be restarted by the suite");
        note("restart", "server restarted: " + how);
        r.get().restart(how);
        changedByRestart = !how.equals(SuiteEnvironment.Restart.PLAIN);
    }

    public boolean restartable() {
        return env.restarter().isPresent();
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                evidence.info("suite", "cleanup", e.toString());
            }
        }
        setup.close();
        if (changedByRestart) {
            // the next test must not start in this one's grace period or with its hooks: restart plain
            try {
                env.restarter().orElseThrow().restart(SuiteEnvironment.Restart.PLAIN);
            } catch (IOException e) {
                evidence.info("suite", "cleanup", "restart without grace failed: " + e);
            }
        }
    }
}
