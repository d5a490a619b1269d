package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.message.CommitArgs;
import io.interlock.server.nfs.v3.message.CommitRes;
import io.interlock.server.nfs.v3.xdr.WccData;
import java.util.concurrent.CompletableFuture;

/**
 * COMMIT (RFC 1813 §3.3.21): the whole file is committed whatever the range (count 0 = to EOF is
 * a subset of that, R-NFS-8); the verifier equals WRITE's.
 */
final class Nfs3CommitHandler implements Nfs3Handler<CommitArgs> {
    private final Nfs3Context ctx;

    Nfs3CommitHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<CommitRes> handle(Nfs3Call call, CommitArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.file());
        FileAttributes pre = t.fs().getAttributes(t.id());
        if (pre.type() == FileType.DIRECTORY) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_ISDIR, t.id() + " is a directory", WccData.of(pre, pre, t.shareId()));
        }
        try {
            t.fs().commit(t.id());
        } catch (FsException e) {
            WccData wcc = WccData.of(pre, Nfs3Context.attrsOrNull(t), t.shareId());
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), wcc);
        }
        WccData wcc = WccData.of(pre, Nfs3Context.attrsOrNull(t), t.shareId());
        return Nfs3Handler.done(new CommitRes(Nfs3Status.NFS3_OK, wcc, ctx.writeVerifier()));
    }
}
