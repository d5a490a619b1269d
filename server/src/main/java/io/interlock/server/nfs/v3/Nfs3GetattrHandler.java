package io.interlock.server.nfs.v3;

import io.interlock.server.nfs.v3.message.GetattrArgs;
import io.interlock.server.nfs.v3.message.GetattrRes;
import io.interlock.server.nfs.v3.xdr.Fattr3;
import java.util.concurrent.CompletableFuture;

/** GETATTR (RFC 1813 §3.3.1): no permission check, as in every NFSv3 server. */
final class Nfs3GetattrHandler implements Nfs3Handler<GetattrArgs> {
    private final Nfs3Context ctx;

    Nfs3GetattrHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<GetattrRes> handle(Nfs3Call call, GetattrArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.object());
        return Nfs3Handler.done(GetattrRes.ok(Fattr3.of(t.fs().getAttributes(t.id()), t.shareId())));
    }
}
