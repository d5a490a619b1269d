package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FsStats;
import io.interlock.server.nfs.v3.message.FsstatArgs;
import io.interlock.server.nfs.v3.message.FsstatRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.concurrent.CompletableFuture;

/** FSSTAT (RFC 1813 §3.3.18): the store's capacity figures; invarsec 0 (they may change any time). */
final class Nfs3FsstatHandler implements Nfs3Handler<FsstatArgs> {
    private final Nfs3Context ctx;

    Nfs3FsstatHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<FsstatRes> handle(Nfs3Call call, FsstatArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.fsroot());
        PostOpAttr a = PostOpAttr.of(t.fs().getAttributes(t.id()), t.shareId());
        FsStats s = t.fs().stats();
        return Nfs3Handler.done(new FsstatRes(
                Nfs3Status.NFS3_OK,
                a,
                s.totalBytes(),
                s.freeBytes(),
                s.freeBytes(),
                s.totalFiles(),
                s.freeFiles(),
                s.freeFiles(),
                0));
    }
}
