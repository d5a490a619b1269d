package io.interlock.server.nfs.nsm;

import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.XdrEncodable;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSM (status monitor) program 100024 version 1 (XNFS ch. 11), as much as NLM clients need:
 * SM_STAT and SM_MON answer stat_succ with our odd state number (R-NSM-1); SM_UNMON and
 * SM_UNMON_ALL forget registrations; SM_NOTIFY from a rebooted peer releases that peer's locks and
 * waiters (like FREE_ALL). SIMU_CRASH is not served.
 *
 * <p>With a state file configured, registrations are also kept in a {@link NsmMonitorFile} beside
 * it, rewritten on every change; a new incarnation loads them, keeps them registered, and offers
 * them as {@link #previousIncarnation()} so the service can send each registrant SM_NOTIFY {our
 * name, new state} (XNFS 11.1; statd's sm-notify). Without a state file they live in memory only
 * and there is nobody to notify at start.
 */
public final class NsmProgram implements RpcProgram {
    private static final Logger log = LoggerFactory.getLogger(NsmProgram.class);

    public static final int PROGRAM = 100024;
    public static final int VERSION = 1;

    static final int SM_NULL = 0;
    static final int SM_STAT = 1;
    static final int SM_MON = 2;
    static final int SM_UNMON = 3;
    static final int SM_UNMON_ALL = 4;
    public static final int SM_NOTIFY = 6;

    static final int STAT_SUCC = 0;

    private final NsmState state;
    private final Consumer<String> peerRebooted;
    private final NsmMonitorFile store;
    private final List<NsmRegistration> previous;
    /** mon_name → registration; changes and saves happen under this map's monitor. */
    private final Map<String, NsmRegistration> monitored = new LinkedHashMap<>();

    /**
     * @param state our state number
     * @param peerRebooted called with mon_name when SM_NOTIFY reports a peer restart
     */
    public NsmProgram(NsmState state, Consumer<String> peerRebooted) {
        this(state, peerRebooted, null);
    }

    /**
     * @param state our state number
     * @param peerRebooted called with mon_name when SM_NOTIFY reports a peer restart
     * @param store where registrations survive restarts, or null
     */
    public NsmProgram(NsmState state, Consumer<String> peerRebooted, NsmMonitorFile store) {
        this.state = state;
        this.peerRebooted = peerRebooted;
        this.store = store;
        this.previous = store == null ? List.of() : List.copyOf(store.load());
        for (NsmRegistration r : previous) {
            monitored.put(r.mon().monName(), r);
        }
    }

    /** The registrations the previous incarnation left (to be sent SM_NOTIFY at start). */
    public List<NsmRegistration> previousIncarnation() {
        return previous;
    }

    /** Drops a registration whose registrant could not be notified (it is gone). */
    public void forget(NsmRegistration r) {
        synchronized (monitored) {
            if (monitored.remove(r.mon().monName(), r)) {
                save();
            }
        }
    }

    /** Caller holds {@code monitored}. */
    private void save() {
        if (store != null) {
            store.save(List.copyOf(monitored.values()));
        }
    }

    /** sm_stat_res: res_stat (4 bytes), state (4 bytes). */
    private XdrEncodable statRes() {
        return w -> w.writeInt(STAT_SUCC).writeInt(state.value());
    }

    /** stat_chge (XNFS 11.3), the SM_NOTIFY argument: mon_name string<1024>, state int32. */
    public static XdrEncodable statChge(String monName, int state) {
        return w -> w.writeString(monName).writeInt(state);
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case SM_NULL -> req -> done(XdrEncodable.VOID);
            case SM_STAT ->
                req -> {
                    // sm_name.mon_name (string<SM_MAXSTRLEN>)
                    req.args().readString(NsmMon.MAX_STRLEN);
                    return done(statRes());
                };
            case SM_MON ->
                req -> {
                    NsmMon m = NsmMon.decode(req.args());
                    synchronized (monitored) {
                        monitored.put(m.monName(), new NsmRegistration(m, hostOf(req.remote())));
                        save();
                    }
                    log.debug("NSM MON {} for {}", m.monName(), req.remote());
                    return done(statRes());
                };
            case SM_UNMON ->
                req -> {
                    NsmMon m = NsmMon.decodeMonId(req.args());
                    synchronized (monitored) {
                        if (monitored.remove(m.monName()) != null) {
                            save();
                        }
                    }
                    // sm_stat: state (4 bytes)
                    return done(w -> w.writeInt(state.value()));
                };
            case SM_UNMON_ALL ->
                req -> {
                    NsmMon m = NsmMon.decodeMyId(req.args());
                    synchronized (monitored) {
                        if (monitored.values().removeIf(x -> x.mon().myName().equals(m.myName()))) {
                            save();
                        }
                    }
                    return done(w -> w.writeInt(state.value()));
                };
            case SM_NOTIFY ->
                req -> {
                    // stat_chge: mon_name (string<SM_MAXSTRLEN>), state (4 bytes)
                    String name = req.args().readString(NsmMon.MAX_STRLEN);
                    int peerState = req.args().readInt();
                    log.info("NSM NOTIFY: {} restarted (state {})", name, peerState);
                    peerRebooted.accept(name);
                    return done(XdrEncodable.VOID);
                };
            default -> null;
        };
    }

    /** Hosts registered through SM_MON. */
    public int monitoredCount() {
        synchronized (monitored) {
            return monitored.size();
        }
    }

    private static String hostOf(SocketAddress a) {
        if (a instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }

    private static CompletableFuture<XdrEncodable> done(XdrEncodable e) {
        return CompletableFuture.completedFuture(e);
    }

    @Override
    public RpcProgramId id() {
        return RpcProgramId.of(PROGRAM, VERSION);
    }
}
