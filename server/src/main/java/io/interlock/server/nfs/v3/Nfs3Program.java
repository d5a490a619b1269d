package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FsException;
import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    private final Map<Nfs3Procedure, RpcProcedure> table = new EnumMap<>(Nfs3Procedure.class);

    public Nfs3Program(Nfs3Context ctx) {
        Nfs3AttrHandler attr = new Nfs3AttrHandler(ctx);
        Nfs3LookupHandler lookup = new Nfs3LookupHandler(ctx);
        Nfs3IoHandler io = new Nfs3IoHandler(ctx);
        Nfs3CreateHandler create = new Nfs3CreateHandler(ctx);
        Nfs3RemoveHandler remove = new Nfs3RemoveHandler(ctx);
        Nfs3ReaddirHandler readdir = new Nfs3ReaddirHandler(ctx);
        put(Nfs3Procedure.NULL, req -> CompletableFuture.completedFuture(XdrEncodable.VOID));
        put(Nfs3Procedure.GETATTR, attr::getattr);
        put(Nfs3Procedure.SETATTR, attr::setattr);
        put(Nfs3Procedure.LOOKUP, lookup::lookup);
        put(Nfs3Procedure.ACCESS, attr::access);
        put(Nfs3Procedure.READLINK, lookup::readlink);
        put(Nfs3Procedure.READ, io::read);
        put(Nfs3Procedure.WRITE, io::write);
        put(Nfs3Procedure.CREATE, create::create);
        put(Nfs3Procedure.MKDIR, create::mkdir);
        put(Nfs3Procedure.SYMLINK, create::symlink);
        put(Nfs3Procedure.MKNOD, create::mknod);
        put(Nfs3Procedure.REMOVE, remove::remove);
        put(Nfs3Procedure.RMDIR, remove::rmdir);
        put(Nfs3Procedure.RENAME, remove::rename);
        put(Nfs3Procedure.LINK, remove::link);
        put(Nfs3Procedure.READDIR, readdir::readdir);
        put(Nfs3Procedure.READDIRPLUS, readdir::readdirplus);
        put(Nfs3Procedure.FSSTAT, attr::fsstat);
        put(Nfs3Procedure.FSINFO, attr::fsinfo);
        put(Nfs3Procedure.PATHCONF, attr::pathconf);
        put(Nfs3Procedure.COMMIT, io::commit);
    }

    private void put(Nfs3Procedure p, Nfs3Handler h) {
        table.put(p, req -> {
            CompletableFuture<XdrEncodable> f;
            try {
                f = h.handle(req);
            } catch (XdrException e) {
                throw e;
            } catch (Exception e) {
                f = CompletableFuture.failedFuture(e);
            }
            return f.exceptionally(t -> failure(p, t));
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
    public int program() {
        return PROGRAM;
    }

    @Override
    public int lowVersion() {
        return VERSION;
    }

    @Override
    public int highVersion() {
        return VERSION;
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        Nfs3Procedure p = Nfs3Procedure.of(procedure);
        return p == null ? null : table.get(p);
    }

    @Override
    public boolean requiresAuthSys(int procedure) {
        return true;
    }
}
