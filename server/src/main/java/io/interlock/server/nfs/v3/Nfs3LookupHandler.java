package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.util.concurrent.CompletableFuture;

/** LOOKUP and READLINK (RFC 1813 §3.3.3, §3.3.5). */
final class Nfs3LookupHandler {
    private final Nfs3Context ctx;

    Nfs3LookupHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    /**
     * LOOKUP3args {what diropargs3}; resok {object, obj_attributes, dir_attributes}; resfail
     * {dir_attributes}. "." and ".." resolve (spec R-NFS-5).
     */
    CompletableFuture<XdrEncodable> lookup(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        byte[] raw = Nfs3Xdr.readName(r);
        Nfs3Target dir = ctx.resolve(fh);
        VirtualFileSystem fs = dir.fs();
        FileAttributes dirAttrs = fs.getAttributes(dir.id());
        XdrEncodable fail = w -> Nfs3Xdr.postOpAttr(w, dirAttrs, dir.shareId());
        if (dirAttrs.type() != FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOTDIR, dir.id() + " is not a directory", fail);
        }
        if (raw.length > VirtualFileSystem.MAX_NAME_BYTES) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NAMETOOLONG, raw.length + "-byte name", fail);
        }
        String name = Nfs3Xdr.name(raw);
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, "bad name", fail);
        }
        try {
            FileId id = fs.lookup(dir.id(), name);
            Nfs3Target obj = dir.with(id);
            FileAttributes a = fs.getAttributes(id);
            return Nfs3Handler.ok(w -> {
                Nfs3Xdr.writeHandle(w, obj.handle());
                Nfs3Xdr.postOpAttr(w, a, dir.shareId());
                Nfs3Xdr.postOpAttr(w, dirAttrs, dir.shareId());
            });
        } catch (FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), fail);
        }
    }

    /** READLINK3args {symlink}; resok {symlink_attributes, data nfspath3}; INVAL for non-links. */
    CompletableFuture<XdrEncodable> readlink(RpcRequest req) throws Exception {
        byte[] fh = Nfs3Xdr.readHandle(req.args());
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes a = t.fs().getAttributes(t.id());
        XdrEncodable fail = w -> Nfs3Xdr.postOpAttr(w, a, t.shareId());
        if (a.type() != FileType.SYMLINK) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, t.id() + " is not a symlink", fail);
        }
        try {
            String target = t.fs().readlink(t.id());
            return Nfs3Handler.ok(w -> {
                Nfs3Xdr.postOpAttr(w, a, t.shareId());
                w.writeString(target);
            });
        } catch (FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), fail);
        }
    }
}
