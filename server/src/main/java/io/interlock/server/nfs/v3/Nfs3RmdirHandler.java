package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.message.RmdirArgs;
import io.interlock.server.nfs.v3.message.WccRes;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RMDIR (RFC 1813 §3.3.13): NOENT, NOTDIR, NOTEMPTY and ACCES are found before anything breaks
 * (R-XP-12); then the parent's directory leases and the removed directory's own leases break to
 * None (R-XP-5) before it goes.
 */
final class Nfs3RmdirHandler implements Nfs3Handler<RmdirArgs> {
    private final Nfs3Context ctx;

    Nfs3RmdirHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<WccRes> handle(Nfs3Call call, RmdirArgs args) throws Exception {
        Nfs3Dir dir = Nfs3Dir.open(ctx, args.object().dir());
        String name = dir.name(args.object().name(), Nfs3Status.NFS3ERR_INVAL);
        dir.requireChange(ctx, call);
        FileId child = dir.existing(name);
        if (dir.attrsOf(child).type() != FileType.DIRECTORY) {
            throw dir.fail(Nfs3Status.NFS3ERR_NOTDIR, "'" + name + "' is not a directory");
        }
        try {
            if (!dir.fs().readDirectory(child, 0, 1).entries().isEmpty()) {
                throw dir.fail(Nfs3Status.NFS3ERR_NOTEMPTY, "'" + name + "' is not empty");
            }
        } catch (FsException e) {
            throw dir.fail(e);
        }
        return dir.change(ctx, List.of(new Nfs3BreakGate.Break(child, BreakTrigger.DELETE)), () -> {
            Nfs3Dir d = dir.refreshed();
            if (ctx.gate().deleteDenied(child)) {
                throw d.fail(Nfs3Status.NFS3ERR_ACCES, "an open of '" + name + "' does not share delete");
            }
            try {
                d.fs().rmdir(d.id(), name);
            } catch (FsException e) {
                throw d.fail(e);
            }
            return WccRes.ok(d.wcc());
        });
    }
}
