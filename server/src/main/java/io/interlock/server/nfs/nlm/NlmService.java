package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.nfs.nsm.NsmProgram;
import io.interlock.server.nfs.nsm.NsmState;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.runtime.ShareRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * NLM v4 and NSM v1 for one server instance: builds the programs, owns the callback pool, and
 * starts the grace period (R-NLM-9) and the NSM state number (R-NSM-1) when it is created. The
 * transport (one listener serving both programs) is bound by {@code NfsServer}.
 */
public final class NlmService implements AutoCloseable {
    private final NlmCallbacks callbacks;
    private final Nlm4Program nlm;
    private final NsmProgram nsm;
    private final NsmState state;
    private final Nlm4TestHandler test;
    private final NlmBlockedTable blocked = new NlmBlockedTable();

    public NlmService(NlmConfig config, ShareRegistry shares, LockManager locks, ServerClock clock, Executor pool) {
        NlmFiles files = new NlmFiles(shares);
        NlmGrace grace = new NlmGrace(clock, config.grace());
        this.callbacks = new NlmCallbacks(config);
        NlmGrants grants = new NlmGrants(locks, callbacks);
        Nlm4LockHandler lock = new Nlm4LockHandler(files, locks, grace, config, blocked, grants, clock, pool);
        this.test = new Nlm4TestHandler(files, locks, grace, blocked);
        this.nlm = new Nlm4Program(lock, test, grants, callbacks);
        this.state = NsmState.start(config.nsmStateFile(), clock.instant());
        this.nsm = new NsmProgram(state, test::freeAll);
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
    }

    /** The NSM state number (odd). */
    public int nsmState() {
        return state.value();
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
