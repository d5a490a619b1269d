package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.message.SetattrArgs;
import io.interlock.server.nfs.v3.message.WccRes;
import io.interlock.server.nfs.v3.xdr.Sattr3;
import io.interlock.server.nfs.v3.xdr.SattrGuard3;
import io.interlock.server.nfs.v3.xdr.TimeHow;
import io.interlock.server.nfs.v3.xdr.WccData;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SETATTR (RFC 1813 §3.3.2). Order of checks, all before anything changes or breaks (R-XP-12): the
 * guard (ctime differs → NOT_SYNC, R-NFS-14), a size on a non-file (INVAL), then permissions:
 * uid → root only, gid → root or an owner in that group, mode and client-set times → owner (PERM,
 * spec §2.4), size and server-time "touch" → write access (ACCES). A size change breaks SMB leases
 * first (WRITE trigger, spec R-XP-6).
 */
final class Nfs3SetattrHandler implements Nfs3Handler<SetattrArgs> {
    private final Nfs3Context ctx;

    Nfs3SetattrHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<WccRes> handle(Nfs3Call call, SetattrArgs args) throws Exception {
        SetAttributes changes = args.newAttributes().toSetAttributes(ctx.clock().instant());
        Nfs3Target t = ctx.resolve(args.object());
        VirtualFileSystem fs = t.fs();
        FileAttributes pre = fs.getAttributes(t.id());
        WccData unchanged = WccData.of(pre, pre, t.shareId());
        if (args.guard() instanceof SattrGuard3.Check c && !c.objCtime().matches(pre.ctime())) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOT_SYNC, "guard ctime differs", unchanged);
        }
        if (changes.size() != null && pre.type() != FileType.REGULAR) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, "size change on a " + pre.type(), unchanged);
        }
        checkPermissions(call, args.newAttributes(), changes, pre, unchanged);
        List<FileId> breaks = ctx.gate().sizeChangeBreaks(t.id(), changes);
        return ctx.gate().breakThen(t.share().breakPolicy(), breaks, BreakTrigger.WRITE, () -> {
            FileAttributes before = Nfs3Context.attrsOrNull(t);
            try {
                FileAttributes post = changes.isEmpty() ? fs.getAttributes(t.id()) : fs.setAttributes(t.id(), changes);
                return WccRes.ok(WccData.of(before, post, t.shareId()));
            } catch (FsException e) {
                WccData wcc = WccData.of(before, Nfs3Context.attrsOrNull(t), t.shareId());
                throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), wcc);
            }
        });
    }

    private void checkPermissions(
            Nfs3Call call, Sattr3 asked, SetAttributes changes, FileAttributes pre, WccData resfail)
            throws Nfs3Exception {
        Nfs3Permissions perms = ctx.permissions();
        Nfs3Identity who = call.who();
        if (changes.uid() != null && changes.uid() != pre.uid()) {
            perms.requireRoot(who, "change the owner of " + pre.id(), resfail);
        }
        if (changes.gid() != null && changes.gid() != pre.gid() && !who.inGroup(changes.gid())) {
            perms.requireRoot(who, "give " + pre.id() + " to group " + changes.gid(), resfail);
        }
        boolean clientTimes =
                asked.atime() instanceof TimeHow.SetToClientTime || asked.mtime() instanceof TimeHow.SetToClientTime;
        if (changes.mode() != null || clientTimes || changes.gid() != null) {
            perms.requireOwner(who, pre, resfail);
        }
        boolean serverTimes =
                asked.atime() instanceof TimeHow.SetToServerTime || asked.mtime() instanceof TimeHow.SetToServerTime;
        if (changes.size() != null || (serverTimes && who.uid() != pre.uid())) {
            perms.require(who, pre, Nfs3Permissions.ACCESS3_MODIFY, resfail);
        }
    }
}
