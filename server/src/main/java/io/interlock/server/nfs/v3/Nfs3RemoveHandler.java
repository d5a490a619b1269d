package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.message.RemoveArgs;
import io.interlock.server.nfs.v3.message.WccRes;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * REMOVE (RFC 1813 §3.3.12): NOENT, ISDIR (a directory, §3.3.12) and ACCES are found before
 * anything is broken (R-XP-12); then the file's leases break to None (DELETE, R-XP-4) and the
 * directory's leases break (DIRECTORY_CHANGE, R-XP-5) before the unlink, which an SMB open left
 * without delete sharing refuses with ACCES (NT share semantics, R-SMB-82).
 */
final class Nfs3RemoveHandler implements Nfs3Handler<RemoveArgs> {
    private final Nfs3Context ctx;

    Nfs3RemoveHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<WccRes> handle(Nfs3Call call, RemoveArgs args) throws Exception {
        Nfs3Dir dir = Nfs3Dir.open(ctx, args.object().dir());
        String name = dir.name(args.object().name(), Nfs3Status.NFS3ERR_INVAL);
        dir.requireChange(ctx, call);
        FileId child = dir.existing(name);
        ctx.gate().breakBeforeChecks(child, BreakTrigger.DELETE);
        if (dir.attrsOf(child).type() == FileType.DIRECTORY) {
            throw dir.fail(Nfs3Status.NFS3ERR_ISDIR, "'" + name + "' is a directory");
        }
        return dir.change(ctx, List.of(new Nfs3BreakGate.Break(child, BreakTrigger.DELETE)), () -> {
            Nfs3Dir d = dir.refreshed();
            if (ctx.gate().deleteDenied(child)) {
                throw d.fail(Nfs3Status.NFS3ERR_ACCES, "an open of '" + name + "' does not share delete");
            }
            try {
                d.fs().remove(d.id(), name);
            } catch (FsException e) {
                throw d.fail(e);
            }
            return WccRes.ok(d.wcc());
        });
    }
}
