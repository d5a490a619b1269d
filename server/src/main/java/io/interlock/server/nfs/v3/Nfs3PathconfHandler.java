package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.message.PathconfArgs;
import io.interlock.server.nfs.v3.message.PathconfRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.concurrent.CompletableFuture;

/** PATHCONF (RFC 1813 §3.3.20): name_max 255 (R-NFS-12), no truncation, case-sensitive. */
final class Nfs3PathconfHandler implements Nfs3Handler<PathconfArgs> {
    private final Nfs3Context ctx;

    Nfs3PathconfHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<PathconfRes> handle(Nfs3Call call, PathconfArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.object());
        PostOpAttr a = PostOpAttr.of(t.fs().getAttributes(t.id()), t.shareId());
        return Nfs3Handler.done(new PathconfRes(
                Nfs3Status.NFS3_OK, a, 32000, VirtualFileSystem.MAX_NAME_BYTES, true, true, false, true));
    }
}
