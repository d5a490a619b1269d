package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.message.LinkArgs;
import io.interlock.server.nfs.v3.message.LinkRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.WccData;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * LINK (RFC 1813 §3.3.15): XDEV across shares, ISDIR for a directory source (spec §2.4), EXIST for
 * an existing name, ACCES: all before the directory's leases break (R-XP-5, R-XP-12).
 */
final class Nfs3LinkHandler implements Nfs3Handler<LinkArgs> {
    private final Nfs3Context ctx;

    Nfs3LinkHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<LinkRes> handle(Nfs3Call call, LinkArgs args) throws Exception {
        Nfs3Target file = ctx.resolve(args.file());
        Nfs3Dir dir;
        try {
            dir = Nfs3Dir.open(ctx, args.link().dir());
        } catch (Nfs3Exception e) {
            throw fail(e.status(), e.detail(), file, WccData.NONE);
        }
        try {
            if (dir.target().shareId() != file.shareId()) {
                throw new Nfs3Exception(Nfs3Status.NFS3ERR_XDEV, "link across shares");
            }
            String name = Nfs3Context.checkName(args.link().name(), Nfs3Status.NFS3ERR_EXIST);
            dir.requireChange(ctx, call);
            FileAttributes fa = file.fs().getAttributes(file.id());
            if (fa.type() == FileType.DIRECTORY) {
                throw new Nfs3Exception(Nfs3Status.NFS3ERR_ISDIR, "cannot hard-link a directory");
            }
            if (dir.lookupOrNull(name) != null) {
                throw new Nfs3Exception(Nfs3Status.NFS3ERR_EXIST, "'" + name + "' exists");
            }
            return dir.change(ctx, List.of(), () -> {
                Nfs3Dir d = dir.refreshed();
                try {
                    d.fs().link(file.id(), d.id(), name);
                } catch (FsException e) {
                    throw fail(Nfs3ErrorMapper.map(e.error()), e.getMessage(), file, d.wcc());
                }
                PostOpAttr after = PostOpAttr.of(Nfs3Context.attrsOrNull(file), file.shareId());
                return new LinkRes(Nfs3Status.NFS3_OK, after, d.wcc());
            });
        } catch (Nfs3Exception e) {
            throw fail(e.status(), e.detail(), file, dir.wcc());
        } catch (FsException e) {
            throw fail(Nfs3ErrorMapper.map(e.error()), e.getMessage(), file, dir.wcc());
        }
    }

    private static Nfs3Exception fail(Nfs3Status status, String detail, Nfs3Target file, WccData dirWcc) {
        PostOpAttr fa = PostOpAttr.of(Nfs3Context.attrsOrNull(file), file.shareId());
        return new Nfs3Exception(status, detail, w -> {
            fa.encode(w); // file_attributes
            dirWcc.encode(w); // linkdir_wcc
        });
    }
}
