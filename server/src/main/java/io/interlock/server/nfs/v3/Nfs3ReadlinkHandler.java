package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.message.ReadlinkArgs;
import io.interlock.server.nfs.v3.message.ReadlinkRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.concurrent.CompletableFuture;

/** READLINK (RFC 1813 §3.3.5): INVAL for an object that is not a symlink. */
final class Nfs3ReadlinkHandler implements Nfs3Handler<ReadlinkArgs> {
    private final Nfs3Context ctx;

    Nfs3ReadlinkHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<ReadlinkRes> handle(Nfs3Call call, ReadlinkArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.symlink());
        FileAttributes a = t.fs().getAttributes(t.id());
        PostOpAttr attrs = PostOpAttr.of(a, t.shareId());
        if (a.type() != FileType.SYMLINK) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, t.id() + " is not a symlink", attrs);
        }
        try {
            return Nfs3Handler.done(new ReadlinkRes(Nfs3Status.NFS3_OK, attrs, t.fs().readlink(t.id())));
        } catch (FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), attrs);
        }
    }
}
