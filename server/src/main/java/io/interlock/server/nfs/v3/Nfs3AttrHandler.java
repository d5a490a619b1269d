package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.FsStats;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** GETATTR, SETATTR, ACCESS, FSSTAT, FSINFO, PATHCONF (RFC 1813 §3.3.1, .2, .4, .18–.20). */
final class Nfs3AttrHandler {
    // ACCESS bits (RFC 1813 §3.3.4)
    static final int ACCESS_READ = 0x01;
    static final int ACCESS_LOOKUP = 0x02;
    static final int ACCESS_MODIFY = 0x04;
    static final int ACCESS_EXTEND = 0x08;
    static final int ACCESS_DELETE = 0x10;
    static final int ACCESS_EXECUTE = 0x20;

    // FSINFO properties: LINK | SYMLINK | HOMOGENEOUS | CANSETTIME
    static final int FSF3_PROPERTIES = 0x01 | 0x02 | 0x08 | 0x10;

    private final Nfs3Context ctx;

    Nfs3AttrHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    /** GETATTR3args {object}; resok {obj_attributes fattr3}. */
    CompletableFuture<XdrEncodable> getattr(RpcRequest req) throws Exception {
        byte[] fh = Nfs3Xdr.readHandle(req.args());
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes a = t.fs().getAttributes(t.id());
        return Nfs3Handler.ok(w -> Nfs3Xdr.fattr3(w, a, t.shareId()));
    }

    /**
     * SETATTR3args {object, new_attributes sattr3, guard sattrguard3}; resok/resfail {obj_wcc}. A
     * size change breaks SMB leases first (WRITE trigger, spec R-XP-6).
     */
    CompletableFuture<XdrEncodable> setattr(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        SetAttributes changes = Nfs3Xdr.readSattr3(r, ctx.clock().instant());
        Instant guard = r.readBoolean() ? Nfs3Xdr.readTime(r) : null;
        Nfs3Target t = ctx.resolve(fh);
        VirtualFileSystem fs = t.fs();
        FileAttributes pre = fs.getAttributes(t.id());
        if (guard != null && !Nfs3Xdr.sameWireTime(guard, pre.ctime())) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_NOT_SYNC, "guard ctime differs", w -> Nfs3Xdr.wcc(w, pre, pre, t.shareId()));
        }
        if (changes.size() != null && pre.type() != FileType.REGULAR) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_INVAL,
                    "size change on a " + pre.type(),
                    w -> Nfs3Xdr.wcc(w, pre, pre, t.shareId()));
        }
        Nfs3BreakGate.Action<XdrEncodable> act = () -> {
            FileAttributes before = Nfs3Context.attrsOrNull(t);
            try {
                FileAttributes post = changes.isEmpty() ? fs.getAttributes(t.id()) : fs.setAttributes(t.id(), changes);
                return w -> {
                    w.writeInt(Nfs3Status.NFS3_OK.code());
                    Nfs3Xdr.wcc(w, before, post, t.shareId());
                };
            } catch (FsException e) {
                FileAttributes now = Nfs3Context.attrsOrNull(t);
                throw new Nfs3Exception(
                        Nfs3ErrorMapper.map(e.error()), e.getMessage(), w -> Nfs3Xdr.wcc(w, before, now, t.shareId()));
            }
        };
        List<io.interlock.server.core.vfs.FileId> breaks = changes.size() != null ? List.of(t.id()) : List.of();
        return ctx.gate().breakThen(t.share().breakPolicy(), breaks, BreakTrigger.WRITE, act);
    }

    /** ACCESS3args {object, access}; resok {obj_attributes, access}. No permission model: all granted. */
    CompletableFuture<XdrEncodable> access(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        int asked = r.readInt();
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes a = t.fs().getAttributes(t.id());
        int possible =
                switch (a.type()) {
                    case DIRECTORY -> ACCESS_READ | ACCESS_LOOKUP | ACCESS_MODIFY | ACCESS_EXTEND | ACCESS_DELETE;
                    case REGULAR -> ACCESS_READ | ACCESS_MODIFY | ACCESS_EXTEND | ACCESS_DELETE | ACCESS_EXECUTE;
                    case SYMLINK -> ACCESS_READ | ACCESS_DELETE;
                };
        int granted = asked & possible;
        return Nfs3Handler.ok(w -> {
            Nfs3Xdr.postOpAttr(w, a, t.shareId());
            w.writeInt(granted);
        });
    }

    /** FSSTAT3args {fsroot}; resok {obj_attributes, tbytes, fbytes, abytes, tfiles, ffiles, afiles, invarsec}. */
    CompletableFuture<XdrEncodable> fsstat(RpcRequest req) throws Exception {
        byte[] fh = Nfs3Xdr.readHandle(req.args());
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes a = t.fs().getAttributes(t.id());
        FsStats s = t.fs().stats();
        return Nfs3Handler.ok(w -> {
            Nfs3Xdr.postOpAttr(w, a, t.shareId());
            w.writeLong(s.totalBytes()).writeLong(s.freeBytes()).writeLong(s.freeBytes());
            w.writeLong(s.totalFiles()).writeLong(s.freeFiles()).writeLong(s.freeFiles());
            w.writeInt(0); // invarsec
        });
    }

    /** FSINFO3args {fsroot}; resok: sizes (spec R-NFS-13, q7/q8), maxfilesize, time_delta, properties. */
    CompletableFuture<XdrEncodable> fsinfo(RpcRequest req) throws Exception {
        byte[] fh = Nfs3Xdr.readHandle(req.args());
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes a = t.fs().getAttributes(t.id());
        return Nfs3Handler.ok(w -> {
            Nfs3Xdr.postOpAttr(w, a, t.shareId());
            w.writeInt(Nfs3Context.MAX_IO); // rtmax
            w.writeInt(Nfs3Context.MAX_IO); // rtpref
            w.writeInt(4096); // rtmult
            w.writeInt(Nfs3Context.MAX_IO); // wtmax
            w.writeInt(Nfs3Context.MAX_IO); // wtpref
            w.writeInt(4096); // wtmult
            w.writeInt(64 * 1024); // dtpref
            w.writeLong(VirtualFileSystem.MAX_FILE_SIZE); // maxfilesize
            w.writeInt(0).writeInt(1); // time_delta: 1 ns
            w.writeInt(FSF3_PROPERTIES);
        });
    }

    /** PATHCONF3args {object}; resok {obj_attributes, linkmax, name_max, no_trunc, chown_restricted, ...}. */
    CompletableFuture<XdrEncodable> pathconf(RpcRequest req) throws Exception {
        byte[] fh = Nfs3Xdr.readHandle(req.args());
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes a = t.fs().getAttributes(t.id());
        return Nfs3Handler.ok(w -> {
            Nfs3Xdr.postOpAttr(w, a, t.shareId());
            w.writeInt(32000); // linkmax
            w.writeInt(VirtualFileSystem.MAX_NAME_BYTES); // name_max
            w.writeBoolean(true); // no_trunc
            w.writeBoolean(true); // chown_restricted
            w.writeBoolean(false); // case_insensitive
            w.writeBoolean(true); // case_preserving
        });
    }
}
