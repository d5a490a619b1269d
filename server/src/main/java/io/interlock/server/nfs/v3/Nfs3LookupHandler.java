package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.message.LookupArgs;
import io.interlock.server.nfs.v3.message.LookupRes;
import io.interlock.server.nfs.v3.xdr.NfsFh3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.concurrent.CompletableFuture;

/**
 * LOOKUP (RFC 1813 §3.3.3): "." and ".." resolve (spec R-NFS-5); obj_attributes are taken from
 * the same store as a GETATTR of the returned handle. Needs search (LOOKUP) on the directory.
 */
final class Nfs3LookupHandler implements Nfs3Handler<LookupArgs> {
    private final Nfs3Context ctx;

    Nfs3LookupHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<LookupRes> handle(Nfs3Call call, LookupArgs args) throws Exception {
        Nfs3Target dir = ctx.resolve(args.what().dir());
        byte[] raw = args.what().name();
        VirtualFileSystem fs = dir.fs();
        FileAttributes dirAttrs = fs.getAttributes(dir.id());
        PostOpAttr fail = PostOpAttr.of(dirAttrs, dir.shareId());
        if (dirAttrs.type() != FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOTDIR, dir.id() + " is not a directory", fail);
        }
        if (raw.length > VirtualFileSystem.MAX_NAME_BYTES) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NAMETOOLONG, raw.length + "-byte name", fail);
        }
        String name = NfsFh3.name(raw);
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, "bad name", fail);
        }
        ctx.permissions().require(call.who(), dirAttrs, Nfs3Permissions.ACCESS3_LOOKUP, fail);
        try {
            FileId id = fs.lookup(dir.id(), name);
            FileAttributes a = fs.getAttributes(id);
            return Nfs3Handler.done(LookupRes.ok(dir.with(id).handle(), PostOpAttr.of(a, dir.shareId()), fail));
        } catch (FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), fail);
        }
    }
}
