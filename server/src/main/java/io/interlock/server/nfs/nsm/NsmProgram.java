package io.interlock.server.nfs.nsm;

import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.XdrEncodable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSM (status monitor) program 100024 version 1 (XNFS ch. 11), as much as NLM clients need:
 * SM_STAT and SM_MON answer stat_succ with our odd state number (R-NSM-1); SM_UNMON and
 * SM_UNMON_ALL forget registrations; SM_NOTIFY from a rebooted peer releases that peer's locks and
 * waiters (like FREE_ALL). Registrations are kept in memory only, so no SM_NOTIFY is sent at start
 * (there is nobody remembered to notify); SIMU_CRASH is not served.
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
    static final int SM_NOTIFY = 6;

    static final int STAT_SUCC = 0;

    private final NsmState state;
    private final Consumer<String> peerRebooted;
    /** mon_name → registration. */
    private final Map<String, NsmMon> monitored = new ConcurrentHashMap<>();

    /**
     * @param state our state number
     * @param peerRebooted called with mon_name when SM_NOTIFY reports a peer restart
     */
    public NsmProgram(NsmState state, Consumer<String> peerRebooted) {
        this.state = state;
        this.peerRebooted = peerRebooted;
    }

    /** sm_stat_res: res_stat (4 bytes), state (4 bytes). */
    private XdrEncodable statRes() {
        return w -> w.writeInt(STAT_SUCC).writeInt(state.value());
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
                    monitored.put(m.monName(), m);
                    log.debug("NSM MON {} for {}", m.monName(), req.remote());
                    return done(statRes());
                };
            case SM_UNMON ->
                req -> {
                    NsmMon m = NsmMon.decodeMonId(req.args());
                    monitored.remove(m.monName());
                    // sm_stat: state (4 bytes)
                    return done(w -> w.writeInt(state.value()));
                };
            case SM_UNMON_ALL ->
                req -> {
                    NsmMon m = NsmMon.decodeMyId(req.args());
                    monitored.values().removeIf(x -> x.myName().equals(m.myName()));
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
        return monitored.size();
    }

    private static CompletableFuture<XdrEncodable> done(XdrEncodable e) {
        return CompletableFuture.completedFuture(e);
    }

    @Override
    public RpcProgramId id() {
        return RpcProgramId.of(PROGRAM, VERSION);
    }
}
