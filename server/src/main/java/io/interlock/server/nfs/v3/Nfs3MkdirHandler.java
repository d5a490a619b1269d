package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.message.CreateRes;
import io.interlock.server.nfs.v3.message.MkdirArgs;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * MKDIR (RFC 1813 §3.3.9): EXIST for an existing name or "."/"..", found before the parent's
 * directory leases break (R-XP-5, R-XP-12); the new directory gets the caller's uid/gid unless
 * sattr3 sets them; a size in sattr3 is ignored.
 */
final class Nfs3MkdirHandler implements Nfs3Handler<MkdirArgs> {
    private final Nfs3Context ctx;

    Nfs3MkdirHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<CreateRes> handle(Nfs3Call call, MkdirArgs args) throws Exception {
        Nfs3Dir dir = Nfs3Dir.open(ctx, args.where().dir());
        String name = dir.name(args.where().name(), Nfs3Status.NFS3ERR_EXIST);
        dir.requireChange(ctx, call);
        if (dir.lookupOrNull(name) != null) {
            throw dir.fail(Nfs3Status.NFS3ERR_EXIST, "'" + name + "' exists");
        }
        SetAttributes attrs = Nfs3Context.ownedBy(
                call.who(),
                args.attributes().toSetAttributes(ctx.clock().instant()).withSize(null));
        return dir.change(ctx, List.of(), () -> {
            Nfs3Dir d = dir.refreshed();
            try {
                return Nfs3Created.of(d, d.fs().mkdir(d.id(), name, attrs));
            } catch (FsException e) {
                throw d.fail(e);
            }
        });
    }
}
