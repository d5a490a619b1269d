package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.nsm.NsmMonitorFile;
import io.interlock.server.nfs.nsm.NsmProgram;
import io.interlock.server.nfs.nsm.NsmRegistration;
import io.interlock.server.nfs.nsm.NsmState;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.runtime.ShareRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NLM v4 and NSM v1 for one server instance: builds the programs, owns the callback pool, and
 * starts the grace period (R-NLM-9) and the NSM state number (R-NSM-1) when it is created. The
 * transport (one listener serving both programs) is bound by {@code NfsServer}.
 */
public final class NlmService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NlmService.class);
    private final NlmCallbacks callbacks;
    private final Nlm4Program nlm;
    private final NsmProgram nsm;
    private final NsmState state;
    private final Nlm4TestHandler test;
    private final NlmBlockedTable blocked = new NlmBlockedTable();
    private final NlmCallers callers = new NlmCallers();
    private final String nsmName;
    private volatile List<CompletableFuture<Boolean>> notified = List.of();

    /** A service with every fault point off. */
    public NlmService(NlmConfig config, ShareRegistry shares, LockManager locks, ServerClock clock, Executor pool) {
        this(config, shares, locks, clock, pool, new FaultPoints(), null);
    }

    /** With the server's fault points. */
    public NlmService(
            NlmConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            Executor pool,
            FaultPoints faults) {
        this(config, shares, locks, clock, pool, faults, null);
    }

    /**
     * With the server's fault points and a harness's activity probe (null: none), which counts the
     * GRANTED callbacks as work.
     */
    public NlmService(
            NlmConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            Executor pool,
            FaultPoints faults,
            io.interlock.server.probe.ActivityProbe probe) {
        NlmFiles files = new NlmFiles(shares);
        NlmGrace grace = new NlmGrace(clock, config.grace());
        this.callbacks = new NlmCallbacks(config, probe);
        NlmGrants grants = new NlmGrants(locks, callbacks);
        Nlm4LockHandler lock =
                new Nlm4LockHandler(files, locks, grace, config, blocked, grants, clock, pool, callers, faults);
        this.test = new Nlm4TestHandler(files, locks, grace, blocked, callers);
        this.nlm = new Nlm4Program(lock, test, grants, callbacks);
        this.state = NsmState.start(config.nsmStateFile(), clock.instant());
        NsmMonitorFile monitors = config.nsmStateFile() == null ? null : NsmMonitorFile.beside(config.nsmStateFile());
        this.nsm = new NsmProgram(state, test::freeAll, monitors);
        this.nsmName = config.nsmName() != null ? config.nsmName() : localHostName();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The programs to serve: NLM 100021 v4 and NSM 100024 v1. */
    public List<RpcProgram> programs() {
        return List.of(nlm, nsm);
    }

    /**
     * Tells the callbacks where we listen (never call ourselves) and where portmappers listen.
     *
     * @param nlmAddress our NLM listener
     * @param portmapPort the port to ask a client's portmapper on (ours, or 111)
     */
    public void bound(InetSocketAddress nlmAddress, int portmapPort) {
        callbacks.self(nlmAddress);
        callbacks.portmapPort(portmapPort);
        notifyPreviousPeers();
    }

    /**
     * R-NSM-1, statd's sm-notify: tells every registrant of the previous incarnation that we
     * restarted, SM_NOTIFY {our name, new state} to NSM on its host, in parallel and without
     * blocking the start. A registrant that cannot be reached is forgotten (as sm-notify drops a
     * host it gave up on); one that answers stays registered.
     *
     * @return one future per notification, completed when it has ended either way
     */
    public List<CompletableFuture<Boolean>> notifyPreviousPeers() {
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        for (NsmRegistration r : nsm.previousIncarnation()) {
            InetSocketAddress host = new InetSocketAddress(r.host(), 0);
            CompletableFuture<Boolean> f = callbacks
                    .call(
                            host,
                            NsmProgram.PROGRAM,
                            NsmProgram.VERSION,
                            NsmProgram.SM_NOTIFY,
                            "SM_NOTIFY",
                            NsmProgram.statChge(nsmName, state.value()))
                    .handle((ok, err) -> {
                        if (err != null) {
                            log.info(
                                    "NSM: SM_NOTIFY({}, {}) to {} for {} failed, registration dropped: {}",
                                    nsmName,
                                    state.value(),
                                    r.host(),
                                    r.mon().monName(),
                                    (err.getCause() != null ? err.getCause() : err).getMessage());
                            nsm.forget(r);
                            return false;
                        }
                        log.info("NSM: SM_NOTIFY({}, {}) sent to {}", nsmName, state.value(), r.host());
                        return true;
                    });
            all.add(f);
        }
        notified = List.copyOf(all);
        return notified;
    }

    /** The notifications sent at start (by {@link #bound}); for tests and diagnostics. */
    public List<CompletableFuture<Boolean>> startupNotifications() {
        return notified;
    }

    /** The NSM state number (odd). */
    public int nsmState() {
        return state.value();
    }

    /** Lock owners currently bound to a host ({@link NlmCallers}). */
    public int pinnedOwners() {
        return callers.size();
    }

    /** Blocked requests waiting for a grant or for their GRANTED callback to finish. */
    public int blockedRequests() {
        return blocked.size();
    }

    @Override
    public void close() {
        callbacks.close();
    }
}
