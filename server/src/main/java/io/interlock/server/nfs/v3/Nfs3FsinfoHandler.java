package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.message.FsinfoArgs;
import io.interlock.server.nfs.v3.message.FsinfoRes;
import io.interlock.server.nfs.v3.xdr.Nfstime3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.concurrent.CompletableFuture;

/**
 * FSINFO (RFC 1813 §3.3.19; spec R-NFS-13, q7/q8): 1 MiB read and write sizes, 64 KiB READDIR,
 * maxfilesize 2^63 - 1, 1 ns time granularity, LINK | SYMLINK | HOMOGENEOUS | CANSETTIME.
 */
final class Nfs3FsinfoHandler implements Nfs3Handler<FsinfoArgs> {
    static final int PROPERTIES =
            FsinfoRes.FSF3_LINK | FsinfoRes.FSF3_SYMLINK | FsinfoRes.FSF3_HOMOGENEOUS | FsinfoRes.FSF3_CANSETTIME;

    private final Nfs3Context ctx;

    Nfs3FsinfoHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<FsinfoRes> handle(Nfs3Call call, FsinfoArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.fsroot());
        PostOpAttr a = PostOpAttr.of(t.fs().getAttributes(t.id()), t.shareId());
        int io = Nfs3Context.MAX_IO;
        return Nfs3Handler.done(new FsinfoRes(
                Nfs3Status.NFS3_OK,
                a,
                io,
                io,
                4096,
                io,
                io,
                4096,
                64 * 1024,
                VirtualFileSystem.MAX_FILE_SIZE,
                new Nfstime3(0, 1),
                PROPERTIES));
    }
}
