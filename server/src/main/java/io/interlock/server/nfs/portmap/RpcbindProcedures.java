package io.interlock.server.nfs.portmap;

import io.interlock.server.core.time.ServerClock;
import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.XdrEncodable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpcbind versions 3 and 4 of program 100000 (RFC 1833 §2.2) over the same table as portmap v2:
 *
 * <ul>
 *   <li>NULL 0; SET 1 (rpcb → bool, FALSE when (prog, vers, netid) is taken); UNSET 2 (rpcb →
 *       bool, every netid when r_netid is empty; r_addr and r_owner ignored);
 *   <li>GETADDR 3 (rpcb → universal address, "" when not registered): the exact (prog, vers,
 *       netid), with a wildcard registration answered on the address the question arrived at;
 *   <li>DUMP 4 (→ rpcblist); GETTIME 6 (→ seconds since 1970, from the server clock);
 *   <li>v4 only: GETVERSADDR 9, which libtirpc's {@code rpcb_getaddr} (rpcinfo -T, lockd) asks
 *       first, same answer as GETADDR.
 * </ul>
 *
 * Not served (PROC_UNAVAIL): CALLIT/BCAST 5, UADDR2TADDR 7, TADDR2UADDR 8, INDIRECT 10, GETADDRLIST
 * 11, GETSTAT 12. SET and UNSET are not restricted to their owner (rpcbind checks the caller's
 * local credentials; portmap v2 here never did either).
 */
final class RpcbindProcedures {
    private static final Logger log = LoggerFactory.getLogger(RpcbindProcedures.class);

    static final int RPCBPROC_NULL = 0;
    static final int RPCBPROC_SET = 1;
    static final int RPCBPROC_UNSET = 2;
    static final int RPCBPROC_GETADDR = 3;
    static final int RPCBPROC_DUMP = 4;
    static final int RPCBPROC_GETTIME = 6;
    static final int RPCBPROC_GETVERSADDR = 9;

    private final PortmapTable table;
    private final ServerClock clock;

    RpcbindProcedures(PortmapTable table, ServerClock clock) {
        this.table = table;
        this.clock = clock;
    }

    RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case RPCBPROC_NULL -> req -> PortmapProgram.done(XdrEncodable.VOID);
            case RPCBPROC_SET ->
                req -> {
                    Rpcb r = Rpcb.decode(req.args());
                    boolean ok = Uaddr.port(r.addr()) >= 0 && table.set(r);
                    log.debug("rpcbind v{} SET {} from {}: {}", version, r, req.remote(), ok);
                    return PortmapProgram.done(w -> w.writeBoolean(ok));
                };
            case RPCBPROC_UNSET ->
                req -> {
                    Rpcb r = Rpcb.decode(req.args());
                    boolean ok = table.unset(r.program(), r.version(), r.netid());
                    return PortmapProgram.done(w -> w.writeBoolean(ok));
                };
            case RPCBPROC_GETADDR -> req -> getAddr(req);
            case RPCBPROC_DUMP ->
                req -> {
                    List<Rpcb> all = table.dumpRpcb();
                    return PortmapProgram.done(w -> {
                        // rpcblist_ptr: a linked list, "more" flag before each rpcb
                        for (Rpcb r : all) {
                            w.writeBoolean(true);
                            r.encode(w);
                        }
                        w.writeBoolean(false);
                    });
                };
            case RPCBPROC_GETTIME ->
                req -> {
                    long seconds = clock.instant().getEpochSecond();
                    return PortmapProgram.done(w -> w.writeInt((int) seconds)); // uint32 seconds
                };
            case RPCBPROC_GETVERSADDR -> version == PortmapProgram.RPCBVERS4 ? this::getAddr : null;
            default -> null;
        };
    }

    private java.util.concurrent.CompletableFuture<XdrEncodable> getAddr(io.interlock.server.rpc.RpcRequest req) {
        Rpcb q = Rpcb.decode(req.args());
        Rpcb found = table.getAddr(q.program(), q.version(), q.netid());
        String addr = found == null ? "" : Uaddr.merged(found.addr(), req.local());
        return PortmapProgram.done(w -> w.writeString(addr)); // string<> universal address
    }
}
