package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.message.CreateRes;
import io.interlock.server.nfs.v3.message.SymlinkArgs;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SYMLINK (RFC 1813 §3.3.10): the target is stored verbatim; an empty target is INVAL and an
 * existing name EXIST, both found before the parent's directory leases break (R-XP-5, R-XP-12).
 */
final class Nfs3SymlinkHandler implements Nfs3Handler<SymlinkArgs> {
    private final Nfs3Context ctx;

    Nfs3SymlinkHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<CreateRes> handle(Nfs3Call call, SymlinkArgs args) throws Exception {
        Nfs3Dir dir = Nfs3Dir.open(ctx, args.where().dir());
        String name = dir.name(args.where().name(), Nfs3Status.NFS3ERR_EXIST);
        dir.requireChange(ctx, call);
        if (args.symlinkData().isEmpty()) {
            throw dir.fail(Nfs3Status.NFS3ERR_INVAL, "empty symlink target");
        }
        if (dir.lookupOrNull(name) != null) {
            throw dir.fail(Nfs3Status.NFS3ERR_EXIST, "'" + name + "' exists");
        }
        SetAttributes attrs = Nfs3Context.ownedBy(
                call.who(),
                args.symlinkAttributes().toSetAttributes(ctx.clock().instant()).withSize(null));
        return dir.change(ctx, List.of(), () -> {
            Nfs3Dir d = dir.refreshed();
            try {
                return Nfs3Created.of(d, d.fs().symlink(d.id(), name, args.symlinkData(), attrs));
            } catch (FsException e) {
                throw d.fail(e);
            }
        });
    }
}
