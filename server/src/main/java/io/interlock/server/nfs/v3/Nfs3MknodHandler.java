package io.interlock.server.nfs.v3;

import io.interlock.server.nfs.v3.message.CreateRes;
import io.interlock.server.nfs.v3.message.MknodArgs;
import io.interlock.server.nfs.v3.xdr.MknodData3;
import java.util.concurrent.CompletableFuture;

/**
 * MKNOD (RFC 1813 §3.3.11): the store has no devices, sockets or FIFOs (NOTSUPP); REG, DIR and LNK
 * are the wrong procedure (BADTYPE). Nothing changes, so nothing breaks.
 */
final class Nfs3MknodHandler implements Nfs3Handler<MknodArgs> {
    private final Nfs3Context ctx;

    Nfs3MknodHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<CreateRes> handle(Nfs3Call call, MknodArgs args) throws Exception {
        Nfs3Dir dir = Nfs3Dir.open(ctx, args.where().dir());
        boolean wrongProc = args.what() instanceof MknodData3.Other;
        throw dir.fail(
                wrongProc ? Nfs3Status.NFS3ERR_BADTYPE : Nfs3Status.NFS3ERR_NOTSUPP,
                "MKNOD type " + args.what().type());
    }
}
