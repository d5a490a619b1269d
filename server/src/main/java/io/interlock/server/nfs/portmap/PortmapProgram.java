package io.interlock.server.nfs.portmap;

import io.interlock.server.core.time.ServerClock;
import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Program 100000 over one {@link PortmapTable}: portmapper version 2 (RFC 1833 §3: NULL, SET,
 * UNSET, GETPORT, DUMP; CALLIT is not served, PROC_UNAVAIL) and rpcbind versions 3 and 4 (§2, see
 * {@link RpcbindProcedures}), which macOS/BSD lockd and libtirpc's rpcinfo use.
 */
public final class PortmapProgram implements RpcProgram {
    public static final int PROGRAM = 100000;
    /** Portmapper v2, the version nfs-client-java and RpcbindRegistrar speak. */
    public static final int VERSION = 2;
    /** rpcbind v3 and v4 (RFC 1833 §2). */
    public static final int RPCBVERS3 = 3;

    public static final int RPCBVERS4 = 4;

    public static final int PMAPPROC_NULL = 0;
    public static final int PMAPPROC_SET = 1;
    public static final int PMAPPROC_UNSET = 2;
    public static final int PMAPPROC_GETPORT = 3;
    public static final int PMAPPROC_DUMP = 4;

    private final PortmapTable table;
    private final RpcbindProcedures rpcbind;

    /**
     * @param table the registrations
     * @param clock answers RPCBPROC_GETTIME
     */
    public PortmapProgram(PortmapTable table, ServerClock clock) {
        this.table = table;
        this.rpcbind = new RpcbindProcedures(table, clock);
    }

    @Override
    public RpcProgramId id() {
        return new RpcProgramId(PROGRAM, VERSION, RPCBVERS4);
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        if (version != VERSION) {
            return rpcbind.procedure(version, procedure);
        }
        return switch (procedure) {
            case PMAPPROC_NULL -> req -> done(XdrEncodable.VOID);
            case PMAPPROC_SET ->
                req -> {
                    PortmapMapping m = PortmapMapping.decode(req.args());
                    boolean ok = table.set(m);
                    return done(w -> w.writeBoolean(ok));
                };
            case PMAPPROC_UNSET ->
                req -> {
                    PortmapMapping m = PortmapMapping.decode(req.args());
                    boolean ok = table.unset(m.program(), m.version());
                    return done(w -> w.writeBoolean(ok));
                };
            case PMAPPROC_GETPORT ->
                req -> {
                    PortmapMapping m = PortmapMapping.decode(req.args());
                    int port = table.getPort(m.program(), m.version(), m.protocol());
                    return done(w -> w.writeInt(port));
                };
            case PMAPPROC_DUMP ->
                req -> {
                    List<PortmapMapping> all = table.dump();
                    return done(w -> {
                        // pmaplist: a linked list, "more" flag before each mapping
                        for (PortmapMapping m : all) {
                            w.writeBoolean(true);
                            m.encode(w);
                        }
                        w.writeBoolean(false);
                    });
                };
            default -> null;
        };
    }

    static CompletableFuture<XdrEncodable> done(XdrEncodable e) {
        return CompletableFuture.completedFuture(e);
    }

    /** Decodes a pmaplist (DUMP result), for clients and tests. */
    public static List<PortmapMapping> decodeDump(XdrReader r) {
        List<PortmapMapping> out = new java.util.ArrayList<>();
        while (r.readBoolean()) {
            out.add(PortmapMapping.decode(r));
        }
        return out;
    }

    /** Decodes an rpcblist (rpcbind v3/v4 DUMP result), for clients and tests. */
    public static List<Rpcb> decodeRpcbDump(XdrReader r) {
        List<Rpcb> out = new java.util.ArrayList<>();
        while (r.readBoolean()) {
            out.add(Rpcb.decode(r));
        }
        return out;
    }
}
