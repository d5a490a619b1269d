package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.nfs.v3.message.RenameArgs;
import io.interlock.server.nfs.v3.message.RenameRes;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrEncodable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RENAME (RFC 1813 §3.3.14; spec §2.5, R-NFS-11). Same object → OK with no change and no break.
 * Every failure the store would report (NOENT, XDEV, ISDIR/NOTDIR/NOTEMPTY for an incompatible
 * target, INVAL for a directory into its own subtree, ACCES) is found first (R-XP-12); then the
 * source's and a replaced target's leases break to None (R-XP-4) and so do the directory leases of
 * both parents (R-XP-5). Both wcc blocks are returned in every case.
 */
final class Nfs3RenameHandler implements Nfs3Handler<RenameArgs> {
    private final Nfs3Context ctx;

    Nfs3RenameHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<RenameRes> handle(Nfs3Call call, RenameArgs args) throws Exception {
        Nfs3Dir from;
        try {
            from = Nfs3Dir.open(ctx, args.from().dir());
        } catch (Nfs3Exception e) {
            throw failWithoutTo(e);
        }
        Nfs3Dir to;
        try {
            to = Nfs3Dir.open(ctx, args.to().dir());
        } catch (Nfs3Exception e) {
            throw fail(e.status(), e.detail(), from, null);
        }
        try {
            return rename(call, args, from, to);
        } catch (Nfs3Exception e) {
            throw fail(e.status(), e.detail(), from, to);
        } catch (FsException e) {
            throw fail(Nfs3ErrorMapper.map(e.error()), e.getMessage(), from, to);
        }
    }

    private CompletableFuture<RenameRes> rename(Nfs3Call call, RenameArgs args, Nfs3Dir from, Nfs3Dir to)
            throws Nfs3Exception, FsException {
        if (to.target().shareId() != from.target().shareId()) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_XDEV, "rename across shares");
        }
        String fromName = Nfs3Context.checkName(args.from().name(), Nfs3Status.NFS3ERR_INVAL);
        String toName = Nfs3Context.checkName(args.to().name(), Nfs3Status.NFS3ERR_INVAL);
        from.requireChange(ctx, call);
        to.requireChange(ctx, call);
        VirtualFileSystem fs = from.fs();
        FileId source = fs.lookup(from.id(), fromName);
        FileId target = to.lookupOrNull(toName);
        if (source.equals(target)) {
            return Nfs3Handler.done(new RenameRes(Nfs3Status.NFS3_OK, from.wcc(), to.wcc()));
        }
        checkCompatible(fs, source, target, to.id());
        List<Nfs3BreakGate.Break> breaks = new ArrayList<>();
        breaks.add(new Nfs3BreakGate.Break(source, BreakTrigger.DELETE));
        if (target != null && !ctx.gate().faults().on(Fault.RENAME_TARGET_NOT_BROKEN)) {
            breaks.add(new Nfs3BreakGate.Break(target, BreakTrigger.DELETE));
        }
        if (!to.id().equals(from.id())) {
            breaks.add(new Nfs3BreakGate.Break(to.id(), BreakTrigger.DIRECTORY_CHANGE));
        }
        return from.change(ctx, breaks, () -> {
            Nfs3Dir f = from.refreshed();
            Nfs3Dir t = to.refreshed();
            if (ctx.gate().deleteDenied(source) || (target != null && ctx.gate().deleteDenied(target))) {
                // NT share semantics after the breaks (R-SMB-82)
                throw fail(
                        Nfs3Status.NFS3ERR_ACCES,
                        "an open of the source or the replaced target does not share delete",
                        f,
                        t);
            }
            try {
                fs.rename(f.id(), fromName, t.id(), toName);
            } catch (FsException e) {
                throw fail(Nfs3ErrorMapper.map(e.error()), e.getMessage(), f, t);
            }
            return new RenameRes(Nfs3Status.NFS3_OK, f.wcc(), t.wcc());
        });
    }

    /** The store's refusals, found before anything breaks. */
    private static void checkCompatible(VirtualFileSystem fs, FileId source, FileId target, FileId toDir)
            throws Nfs3Exception, FsException {
        boolean sourceIsDir = fs.getAttributes(source).type() == FileType.DIRECTORY;
        if (sourceIsDir) {
            for (FileId p = toDir; ; p = fs.parentOf(p)) {
                if (p.equals(source)) {
                    throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, "directory into its own subtree");
                }
                if (p.equals(fs.root())) {
                    break;
                }
            }
        }
        if (target == null) {
            return;
        }
        FileAttributes ta = fs.getAttributes(target);
        if (ta.type() == FileType.DIRECTORY && !sourceIsDir) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_ISDIR, "target is a directory");
        }
        if (ta.type() != FileType.DIRECTORY && sourceIsDir) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOTDIR, "target is not a directory");
        }
        if (ta.type() == FileType.DIRECTORY
                && !fs.readDirectory(target, 0, 1).entries().isEmpty()) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOTEMPTY, "target directory is not empty");
        }
    }

    /**
     * The source directory did not resolve or is not a directory: RENAME3resfail still carries two
     * wcc_data (RFC 1813 §3.3.14), the source's as {@link Nfs3Dir#open} built it (or absent) and an
     * absent one for the target directory, which was never looked at.
     */
    private static Nfs3Exception failWithoutTo(Nfs3Exception e) {
        XdrEncodable fromWcc = e.resfail() != null ? e.resfail() : WccData.NONE;
        return new Nfs3Exception(e.status(), e.detail(), w -> {
            fromWcc.encode(w); // fromdir_wcc
            WccData.NONE.encode(w); // todir_wcc
        });
    }

    private static Nfs3Exception fail(Nfs3Status status, String detail, Nfs3Dir from, Nfs3Dir to) {
        WccData a = from.wcc();
        WccData b = to == null ? WccData.NONE : to.wcc();
        return new Nfs3Exception(status, detail, w -> {
            a.encode(w); // fromdir_wcc
            b.encode(w); // todir_wcc
        });
    }
}
