package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.nfs.v3.message.AccessArgs;
import io.interlock.server.nfs.v3.message.AccessRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.concurrent.CompletableFuture;

/**
 * ACCESS (RFC 1813 §3.3.4): the bits asked for that the export's permission model grants the
 * caller ({@link Nfs3Permissions#granted}); always a subset of those asked.
 */
final class Nfs3AccessHandler implements Nfs3Handler<AccessArgs> {
    private final Nfs3Context ctx;

    Nfs3AccessHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<AccessRes> handle(Nfs3Call call, AccessArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.object());
        FileAttributes a = t.fs().getAttributes(t.id());
        int granted = args.access() & ctx.permissions().granted(call.who(), a);
        return Nfs3Handler.done(new AccessRes(Nfs3Status.NFS3_OK, PostOpAttr.of(a, t.shareId()), granted));
    }
}
