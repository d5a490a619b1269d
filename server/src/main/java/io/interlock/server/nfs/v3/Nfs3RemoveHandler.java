package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** REMOVE, RMDIR, RENAME, LINK (RFC 1813 §3.3.12–§3.3.15). */
final class Nfs3RemoveHandler {
    private final Nfs3Context ctx;

    Nfs3RemoveHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    /**
     * REMOVE3args {object diropargs3}; res {dir_wcc}. NOENT and ISDIR are found before anything is
     * broken (R-XP-12); the file's leases break to None before the unlink (R-XP-4).
     */
    CompletableFuture<XdrEncodable> remove(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        byte[] raw = Nfs3Xdr.readName(r);
        Nfs3Dir dir = Nfs3Dir.open(ctx, fh);
        VirtualFileSystem fs = dir.target().fs();
        try {
            String name = Nfs3Context.checkName(raw, Nfs3Status.NFS3ERR_INVAL);
            FileId child = fs.lookup(dir.target().id(), name);
            if (fs.getAttributes(child).type() == FileType.DIRECTORY) {
                throw dir.fail(Nfs3Status.NFS3ERR_ISDIR, "'" + name + "' is a directory");
            }
            return ctx.gate().breakThen(dir.target().share().breakPolicy(), List.of(child), BreakTrigger.DELETE, () -> {
                FileAttributes pre = Nfs3Context.attrsOrNull(dir.target());
                try {
                    fs.remove(dir.target().id(), name);
                } catch (FsException e) {
                    throw new Nfs3Dir(dir.target(), pre).fail(e);
                }
                return ok(new Nfs3Dir(dir.target(), pre).wcc());
            });
        } catch (Nfs3Exception e) {
            throw e.resfail() != null ? e : dir.fail(e.status(), e.getMessage());
        } catch (FsException e) {
            throw dir.fail(e);
        }
    }

    /** RMDIR3args {object diropargs3}; res {dir_wcc}. */
    CompletableFuture<XdrEncodable> rmdir(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        byte[] raw = Nfs3Xdr.readName(r);
        Nfs3Dir dir = Nfs3Dir.open(ctx, fh);
        try {
            String name = Nfs3Context.checkName(raw, Nfs3Status.NFS3ERR_INVAL);
            dir.target().fs().rmdir(dir.target().id(), name);
            return CompletableFuture.completedFuture(ok(dir.wcc()));
        } catch (Nfs3Exception e) {
            throw dir.fail(e.status(), e.getMessage());
        } catch (FsException e) {
            throw dir.fail(e);
        }
    }

    /**
     * RENAME3args {from, to diropargs3}; res {fromdir_wcc, todir_wcc}. Same object → OK, no
     * change; otherwise the source's and a replaced target's leases break first (R-XP-4).
     */
    CompletableFuture<XdrEncodable> rename(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fromFh = Nfs3Xdr.readHandle(r);
        byte[] fromRaw = Nfs3Xdr.readName(r);
        byte[] toFh = Nfs3Xdr.readHandle(r);
        byte[] toRaw = Nfs3Xdr.readName(r);
        Nfs3Dir from = Nfs3Dir.open(ctx, fromFh);
        Nfs3Dir to;
        try {
            to = Nfs3Dir.open(ctx, toFh);
        } catch (Nfs3Exception e) {
            throw twoWcc(e.status(), e.getMessage(), from, null);
        }
        if (to.target().shareId() != from.target().shareId()) {
            throw twoWcc(Nfs3Status.NFS3ERR_XDEV, "rename across shares", from, to);
        }
        VirtualFileSystem fs = from.target().fs();
        try {
            String fromName = Nfs3Context.checkName(fromRaw, Nfs3Status.NFS3ERR_INVAL);
            String toName = Nfs3Context.checkName(toRaw, Nfs3Status.NFS3ERR_INVAL);
            FileId source = fs.lookup(from.target().id(), fromName);
            FileId target = to.lookupOrNull(toName);
            if (source.equals(target)) {
                return CompletableFuture.completedFuture(renamed(from, to));
            }
            List<FileId> breaks = new ArrayList<>(List.of(source));
            if (target != null) {
                breaks.add(target);
            }
            return ctx.gate().breakThen(from.target().share().breakPolicy(), breaks, BreakTrigger.DELETE, () -> {
                Nfs3Dir f = new Nfs3Dir(from.target(), Nfs3Context.attrsOrNull(from.target()));
                Nfs3Dir t = new Nfs3Dir(to.target(), Nfs3Context.attrsOrNull(to.target()));
                try {
                    fs.rename(from.target().id(), fromName, to.target().id(), toName);
                } catch (FsException e) {
                    throw twoWcc(Nfs3ErrorMapper.map(e.error()), e.getMessage(), f, t);
                }
                return renamed(f, t);
            });
        } catch (Nfs3Exception e) {
            throw e.resfail() != null ? e : twoWcc(e.status(), e.getMessage(), from, to);
        } catch (FsException e) {
            throw twoWcc(Nfs3ErrorMapper.map(e.error()), e.getMessage(), from, to);
        }
    }

    private static XdrEncodable renamed(Nfs3Dir from, Nfs3Dir to) {
        XdrEncodable a = from.wcc();
        XdrEncodable b = to.wcc();
        return w -> {
            w.writeInt(Nfs3Status.NFS3_OK.code());
            a.encode(w);
            b.encode(w);
        };
    }

    private static Nfs3Exception twoWcc(Nfs3Status status, String detail, Nfs3Dir from, Nfs3Dir to) {
        XdrEncodable a = from.wcc();
        XdrEncodable b = to == null ? w -> Nfs3Xdr.wcc(w, null, null, 0) : to.wcc();
        return new Nfs3Exception(status, detail, w -> {
            a.encode(w);
            b.encode(w);
        });
    }

    /** LINK3args {file, link diropargs3}; res {file_attributes, linkdir_wcc}. */
    CompletableFuture<XdrEncodable> link(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fileFh = Nfs3Xdr.readHandle(r);
        byte[] dirFh = Nfs3Xdr.readHandle(r);
        byte[] raw = Nfs3Xdr.readName(r);
        Nfs3Target file = ctx.resolve(fileFh);
        Nfs3Dir dir;
        try {
            dir = Nfs3Dir.open(ctx, dirFh);
        } catch (Nfs3Exception e) {
            FileAttributes fa = Nfs3Context.attrsOrNull(file);
            throw new Nfs3Exception(e.status(), e.getMessage(), w -> {
                Nfs3Xdr.postOpAttr(w, fa, file.shareId());
                Nfs3Xdr.wcc(w, null, null, 0);
            });
        }
        try {
            if (dir.target().shareId() != file.shareId()) {
                throw new Nfs3Exception(Nfs3Status.NFS3ERR_XDEV, "link across shares");
            }
            String name = Nfs3Context.checkName(raw, Nfs3Status.NFS3ERR_EXIST);
            dir.target().fs().link(file.id(), dir.target().id(), name);
            FileAttributes fa = Nfs3Context.attrsOrNull(file);
            XdrEncodable wcc = dir.wcc();
            return CompletableFuture.completedFuture(w -> {
                w.writeInt(Nfs3Status.NFS3_OK.code());
                Nfs3Xdr.postOpAttr(w, fa, file.shareId());
                wcc.encode(w);
            });
        } catch (Nfs3Exception | FsException e) {
            Nfs3Status s = e instanceof Nfs3Exception n ? n.status() : Nfs3ErrorMapper.map(((FsException) e).error());
            FileAttributes fa = Nfs3Context.attrsOrNull(file);
            XdrEncodable wcc = dir.wcc();
            throw new Nfs3Exception(s, e.getMessage(), w -> {
                Nfs3Xdr.postOpAttr(w, fa, file.shareId());
                wcc.encode(w);
            });
        }
    }

    private static XdrEncodable ok(XdrEncodable wcc) {
        return w -> {
            w.writeInt(Nfs3Status.NFS3_OK.code());
            wcc.encode(w);
        };
    }
}
