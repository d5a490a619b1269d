package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.xdr.WccData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A directory a namespace procedure changes, with its attributes captured before the change so
 * every reply, success or failure, can carry an accurate dir_wcc (R-NFS-4).
 *
 * @param target the directory
 * @param pre its attributes before the change
 */
record Nfs3Dir(Nfs3Target target, FileAttributes pre) {
    /** Resolves a directory handle: NOTDIR (with wcc) when it is not a directory. */
    static Nfs3Dir open(Nfs3Context ctx, byte[] fh) throws Nfs3Exception, FsException {
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes pre = t.fs().getAttributes(t.id());
        Nfs3Dir d = new Nfs3Dir(t, pre);
        if (pre.type() != FileType.DIRECTORY) {
            throw d.fail(Nfs3Status.NFS3ERR_NOTDIR, t.id() + " is not a directory");
        }
        return d;
    }

    VirtualFileSystem fs() {
        return target.fs();
    }

    FileId id() {
        return target.id();
    }

    /** The same directory with attributes captured now: the "pre" of a change about to happen. */
    Nfs3Dir refreshed() {
        FileAttributes now = Nfs3Context.attrsOrNull(target);
        return new Nfs3Dir(target, now != null ? now : pre);
    }

    /** The wcc_data of this directory, post attributes taken now. */
    WccData wcc() {
        return WccData.of(pre, Nfs3Context.attrsOrNull(target), target.shareId());
    }

    Nfs3Exception fail(Nfs3Status status, String detail) {
        return new Nfs3Exception(status, detail, wcc());
    }

    Nfs3Exception fail(FsException e) {
        return fail(Nfs3ErrorMapper.map(e.error()), e.getMessage());
    }

    /** A checked name (see {@link Nfs3Context#checkName}); failures carry this dir's wcc. */
    String name(byte[] raw, Nfs3Status dotStatus) throws Nfs3Exception {
        try {
            return Nfs3Context.checkName(raw, dotStatus);
        } catch (Nfs3Exception e) {
            throw fail(e.status(), e.detail());
        }
    }

    /** Refuses with ACCES unless the caller may add or remove entries here (POSIX w+x). */
    void requireChange(Nfs3Context ctx, Nfs3Call call) throws Nfs3Exception {
        ctx.permissions().require(call.who(), pre, Nfs3Permissions.DIR_CHANGE, wcc());
    }

    /** The entry's id, or null when the name does not exist. */
    FileId lookupOrNull(String name) throws Nfs3Exception {
        try {
            return target.fs().lookup(target.id(), name);
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND) {
                return null;
            }
            throw fail(e);
        }
    }

    /** The entry {@code name}, or NFS3ERR_NOENT carrying this dir's wcc. */
    FileId existing(String name) throws Nfs3Exception {
        FileId child = lookupOrNull(name);
        if (child == null) {
            throw fail(Nfs3Status.NFS3ERR_NOENT, "'" + name + "' does not exist");
        }
        return child;
    }

    /** Attributes of an entry of this directory; failures carry this dir's wcc. */
    FileAttributes attrsOf(FileId id) throws Nfs3Exception {
        try {
            return target.fs().getAttributes(id);
        } catch (FsException e) {
            throw fail(e);
        }
    }

    /**
     * Runs a change of this directory's entries once the directory leases on it (and {@code
     * extra}) are broken (R-XP-5: DIRECTORY_CHANGE to None). Call it only after every check that
     * can fail, so a failing operation breaks nothing (R-XP-12).
     */
    <T> CompletableFuture<T> change(Nfs3Context ctx, List<Nfs3BreakGate.Break> extra, Nfs3BreakGate.Action<T> act) {
        List<Nfs3BreakGate.Break> breaks = new ArrayList<>(extra);
        breaks.add(new Nfs3BreakGate.Break(target.id(), BreakTrigger.DIRECTORY_CHANGE));
        return ctx.gate().breakThen(target.share().breakPolicy(), breaks, act);
    }
}
