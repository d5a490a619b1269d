package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.message.AccessArgs;
import io.interlock.server.nfs.v3.message.CommitArgs;
import io.interlock.server.nfs.v3.message.CreateArgs;
import io.interlock.server.nfs.v3.message.FsinfoArgs;
import io.interlock.server.nfs.v3.message.FsstatArgs;
import io.interlock.server.nfs.v3.message.GetattrArgs;
import io.interlock.server.nfs.v3.message.LinkArgs;
import io.interlock.server.nfs.v3.message.LookupArgs;
import io.interlock.server.nfs.v3.message.MkdirArgs;
import io.interlock.server.nfs.v3.message.MknodArgs;
import io.interlock.server.nfs.v3.message.PathconfArgs;
import io.interlock.server.nfs.v3.message.ReadArgs;
import io.interlock.server.nfs.v3.message.ReaddirArgs;
import io.interlock.server.nfs.v3.message.ReaddirplusArgs;
import io.interlock.server.nfs.v3.message.ReadlinkArgs;
import io.interlock.server.nfs.v3.message.RemoveArgs;
import io.interlock.server.nfs.v3.message.RenameArgs;
import io.interlock.server.nfs.v3.message.RmdirArgs;
import io.interlock.server.nfs.v3.message.SetattrArgs;
import io.interlock.server.nfs.v3.message.SymlinkArgs;
import io.interlock.server.nfs.v3.message.WriteArgs;
import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.RpcServer;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NFS program 100003 version 3 (RFC 1813): the procedure table and its one error funnel. Known
 * errors become their nfsstat3 (logged at DEBUG); anything unexpected becomes
 * NFS3ERR_SERVERFAULT, logged at ERROR, and the server keeps serving.
 */
public final class Nfs3Program implements RpcProgram {
    private static final Logger log = LoggerFactory.getLogger(Nfs3Program.class);

    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    /** Arguments above this (a large WRITE) are copied on the pool, not on an event loop. */
    private static final int QUICK_MAX_ARGS = 64 * 1024;

    private final Map<Nfs3Procedure, RpcProcedure> table = new EnumMap<>(Nfs3Procedure.class);
    private final Nfs3Context ctx;

    public Nfs3Program(Nfs3Context ctx) {
        this.ctx = ctx;
        put(Nfs3Procedure.NULL, r -> null, (call, a) -> CompletableFuture.completedFuture(XdrEncodable.VOID));
        put(Nfs3Procedure.GETATTR, GetattrArgs::decode, new Nfs3GetattrHandler(ctx));
        put(Nfs3Procedure.SETATTR, SetattrArgs::decode, new Nfs3SetattrHandler(ctx));
        put(Nfs3Procedure.LOOKUP, LookupArgs::decode, new Nfs3LookupHandler(ctx));
        put(Nfs3Procedure.ACCESS, AccessArgs::decode, new Nfs3AccessHandler(ctx));
        put(Nfs3Procedure.READLINK, ReadlinkArgs::decode, new Nfs3ReadlinkHandler(ctx));
        put(Nfs3Procedure.READ, ReadArgs::decode, new Nfs3ReadHandler(ctx));
        put(Nfs3Procedure.WRITE, WriteArgs::decode, new Nfs3WriteHandler(ctx));
        put(Nfs3Procedure.CREATE, CreateArgs::decode, new Nfs3CreateHandler(ctx));
        put(Nfs3Procedure.MKDIR, MkdirArgs::decode, new Nfs3MkdirHandler(ctx));
        put(Nfs3Procedure.SYMLINK, SymlinkArgs::decode, new Nfs3SymlinkHandler(ctx));
        put(Nfs3Procedure.MKNOD, MknodArgs::decode, new Nfs3MknodHandler(ctx));
        put(Nfs3Procedure.REMOVE, RemoveArgs::decode, new Nfs3RemoveHandler(ctx));
        put(Nfs3Procedure.RMDIR, RmdirArgs::decode, new Nfs3RmdirHandler(ctx));
        put(Nfs3Procedure.RENAME, RenameArgs::decode, new Nfs3RenameHandler(ctx));
        put(Nfs3Procedure.LINK, LinkArgs::decode, new Nfs3LinkHandler(ctx));
        put(Nfs3Procedure.READDIR, ReaddirArgs::decode, new Nfs3ReaddirHandler(ctx));
        put(Nfs3Procedure.READDIRPLUS, ReaddirplusArgs::decode, new Nfs3ReaddirplusHandler(ctx));
        put(Nfs3Procedure.FSSTAT, FsstatArgs::decode, new Nfs3FsstatHandler(ctx));
        put(Nfs3Procedure.FSINFO, FsinfoArgs::decode, new Nfs3FsinfoHandler(ctx));
        put(Nfs3Procedure.PATHCONF, PathconfArgs::decode, new Nfs3PathconfHandler(ctx));
        put(Nfs3Procedure.COMMIT, CommitArgs::decode, new Nfs3CommitHandler(ctx));
    }

    /**
     * Registers a procedure: decode (XdrException → GARBAGE_ARGS), run the handler with the
     * caller's identity, map errors through {@link #failure}.
     */
    private <A> void put(Nfs3Procedure p, Function<XdrReader, A> decoder, Nfs3Handler<A> h) {
        table.put(p, req -> {
            A args = decoder.apply(req.args());
            return invoke(h, Nfs3Call.of(req), args).exceptionally(t -> failure(p, t));
        });
    }

    /**
     * Runs the handler; when it waited for breaks ({@link Nfs3BreakGate.Waited}), runs it again from
     * its arguments, so that what it checks and breaks is what holds when it acts.
     */
    private static <A> CompletableFuture<XdrEncodable> invoke(Nfs3Handler<A> h, Nfs3Call call, A args) {
        CompletableFuture<? extends XdrEncodable> f;
        try {
            f = h.handle(call, args);
        } catch (Exception e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.<XdrEncodable>thenApply(r -> r).exceptionallyCompose(t -> {
            Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            return e instanceof Nfs3BreakGate.Waited ? invoke(h, call, args) : CompletableFuture.failedFuture(e);
        });
    }

    /** The error funnel: status + the resfail arm. */
    static XdrEncodable failure(Nfs3Procedure p, Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        Nfs3Status status;
        XdrEncodable resfail = null;
        if (e instanceof Nfs3Exception n) {
            status = n.status();
            resfail = n.resfail();
            log.debug("NFS {}: {}", p, n.getMessage());
        } else if (e instanceof FsException fe) {
            status = Nfs3ErrorMapper.map(fe.error());
            log.debug("NFS {}: {}", p, fe.getMessage());
        } else {
            status = Nfs3Status.NFS3ERR_SERVERFAULT;
            log.error("NFS {} failed unexpectedly", p, e);
        }
        XdrEncodable body = resfail;
        return w -> {
            w.writeInt(status.code());
            if (body != null) {
                body.encode(w);
            } else {
                for (int i = 0; i < p.absentBlocks(); i++) {
                    w.writeBoolean(false);
                }
            }
        };
    }

    @Override
    public int maxRecord() {
        return RpcServer.MAX_RECORD;
    }

    /**
     * A client that honours FSINFO's wtmax ({@link Nfs3Context#MAX_IO}) never sends more, even when it
     * retransmits a WRITE as the first call of a new connection.
     */
    @Override
    public int preLoginMaxRecord() {
        return Nfs3Context.MAX_IO + 64 * 1024;
    }

    @Override
    public RpcProgramId id() {
        return RpcProgramId.of(PROGRAM, VERSION);
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        Nfs3Procedure p = Nfs3Procedure.of(procedure);
        return p == null ? null : table.get(p);
    }

    /**
     * The procedures whose re-execution would give a different answer (RFC 1813 §4.5): their
     * retransmissions are answered from the duplicate-request cache.
     */
    @Override
    public boolean nonIdempotent(int version, int procedure) {
        Nfs3Procedure p = Nfs3Procedure.of(procedure);
        return p != null
                && switch (p) {
                    case SETATTR, WRITE, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME, LINK -> true;
                    default -> false;
                };
    }

    /**
     * On stores that never wait for I/O, every procedure but the directory listings (whose size the
     * client picks) is quick: break waits return futures, the rest is memory work.
     */
    @Override
    public boolean quick(int version, int procedure, int argBytes) {
        Nfs3Procedure p = Nfs3Procedure.of(procedure);
        return p != null
                && p != Nfs3Procedure.READDIR
                && p != Nfs3Procedure.READDIRPLUS
                && argBytes <= QUICK_MAX_ARGS
                && ctx.sharesNonBlocking();
    }

    @Override
    public boolean requiresAuthSys(int procedure) {
        return true;
    }
}
