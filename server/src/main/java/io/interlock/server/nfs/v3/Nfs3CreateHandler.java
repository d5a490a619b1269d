package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.message.CreateArgs;
import io.interlock.server.nfs.v3.message.CreateRes;
import io.interlock.server.nfs.v3.xdr.CreateHow3;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CREATE (RFC 1813 §3.3.8; spec §2.7, R-NFS-9). A new file gets the caller's uid/gid unless sattr3
 * sets them, after the directory's leases break (R-XP-5). UNCHECKED over an existing file applies
 * sattr3 (a size truncates after breaking the file's leases, R-XP-6) and changes no entry; GUARDED
 * → EXIST; EXCLUSIVE compares the raw 8 verifier bytes, a retry with the same verifier returns the
 * same handle. Every failure is found before anything breaks (R-XP-12).
 */
final class Nfs3CreateHandler implements Nfs3Handler<CreateArgs> {
    private final Nfs3Context ctx;

    Nfs3CreateHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<CreateRes> handle(Nfs3Call call, CreateArgs args) throws Exception {
        Nfs3Dir dir = Nfs3Dir.open(ctx, args.where().dir());
        String name = dir.name(args.where().name(), Nfs3Status.NFS3ERR_EXIST);
        dir.requireChange(ctx, call);
        FileId existing = dir.lookupOrNull(name);
        CreateHow3 how = args.how();
        if (how instanceof CreateHow3.Exclusive e) {
            return exclusive(call, dir, name, e.verifier(), existing);
        }
        SetAttributes attrs = how instanceof CreateHow3.Guarded g
                ? g.attributes().toSetAttributes(ctx.clock().instant())
                : ((CreateHow3.Unchecked) how)
                        .attributes()
                        .toSetAttributes(ctx.clock().instant());
        if (existing == null) {
            SetAttributes initial = Nfs3Context.ownedBy(call.who(), attrs);
            CreateMode mode = how instanceof CreateHow3.Guarded ? CreateMode.EXCLUSIVE : CreateMode.OPEN_EXISTING;
            return dir.change(ctx, List.of(), () -> {
                Nfs3Dir d = dir.refreshed();
                try {
                    return Nfs3Created.of(d, d.fs().createFile(d.id(), name, initial, mode));
                } catch (FsException e) {
                    throw d.fail(e);
                }
            });
        }
        if (how instanceof CreateHow3.Guarded) {
            throw dir.fail(Nfs3Status.NFS3ERR_EXIST, "'" + name + "' exists");
        }
        return uncheckedOverExisting(call, dir, existing, attrs);
    }

    /** UNCHECKED on an existing name: no entry changes, so no directory break; sattr3 applies. */
    private CompletableFuture<CreateRes> uncheckedOverExisting(
            Nfs3Call call, Nfs3Dir dir, FileId existing, SetAttributes changes) throws Nfs3Exception {
        FileAttributes ea = dir.attrsOf(existing);
        if (ea.type() == FileType.DIRECTORY) {
            throw dir.fail(Nfs3Status.NFS3ERR_ISDIR, existing + " is a directory");
        }
        if (ea.type() != FileType.REGULAR) {
            throw dir.fail(Nfs3Status.NFS3ERR_EXIST, existing + " is not a regular file");
        }
        if (changes.size() != null) {
            ctx.permissions().require(call.who(), ea, Nfs3Permissions.ACCESS3_MODIFY, dir.wcc());
        }
        List<FileId> breaks = ctx.gate().sizeChangeBreaks(existing, changes);
        return ctx.gate().breakThen(dir.target().share().breakPolicy(), breaks, BreakTrigger.WRITE, () -> {
            try {
                if (!changes.isEmpty()) {
                    dir.fs().setAttributes(existing, changes);
                }
                return Nfs3Created.of(dir, existing);
            } catch (FsException e) {
                throw dir.fail(e);
            }
        });
    }

    private CompletableFuture<CreateRes> exclusive(
            Nfs3Call call, Nfs3Dir dir, String name, byte[] verifier, FileId existing) throws Nfs3Exception {
        if (existing != null) {
            if (ctx.exclusiveMatches(dir.target().with(existing), verifier)) {
                return Nfs3Handler.done(Nfs3Created.of(dir, existing)); // a retry of our own EXCLUSIVE create
            }
            throw dir.fail(Nfs3Status.NFS3ERR_EXIST, "'" + name + "' exists");
        }
        SetAttributes initial = Nfs3Context.ownedBy(call.who(), SetAttributes.NONE);
        return dir.change(ctx, List.of(), () -> {
            Nfs3Dir d = dir.refreshed();
            try {
                FileId id = d.fs().createFile(d.id(), name, initial, CreateMode.EXCLUSIVE);
                ctx.rememberExclusive(d.target().with(id), verifier);
                return Nfs3Created.of(d, id);
            } catch (FsException e) {
                FileId raced = e.error() == FsError.EXISTS ? d.lookupOrNull(name) : null;
                if (raced != null && ctx.exclusiveMatches(d.target().with(raced), verifier)) {
                    return Nfs3Created.of(d, raced);
                }
                throw d.fail(e);
            }
        });
    }
}
