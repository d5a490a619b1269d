package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.message.WriteArgs;
import io.interlock.server.nfs.v3.message.WriteRes;
import io.interlock.server.nfs.v3.xdr.WccData;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * WRITE (RFC 1813 §3.3.7). Writes {@code count} bytes; a count that disagrees with the data's
 * length is NFS3ERR_INVAL, as nfs-ganesha answers (Linux knfsd drops such a call as GARBAGE_ARGS):
 * the client's arguments contradict themselves, so neither guess is safe. {@code committed ≥
 * stable} (UNSTABLE stays UNSTABLE, the others are FILE_SYNC); one verifier per server instance
 * (R-NFS-7). Before anything is broken (R-XP-12): ISDIR/INVAL for non-files, FBIG when offset +
 * count passes {@link VirtualFileSystem#MAX_FILE_SIZE} (2^63 - 1, so an unsigned offset ≥ 2^63 or an
 * overflowing sum is FBIG), ACCES without write permission. Then R and W leases break (R-XP-1).
 */
final class Nfs3WriteHandler implements Nfs3Handler<WriteArgs> {
    private final Nfs3Context ctx;

    Nfs3WriteHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<WriteRes> handle(Nfs3Call call, WriteArgs args) throws Exception {
        long offset = args.offset();
        Nfs3Target t = ctx.resolve(args.file());
        VirtualFileSystem fs = t.fs();
        FileAttributes a = fs.getAttributes(t.id());
        WccData unchanged = WccData.of(a, a, t.shareId());
        ctx.gate().breakBeforeChecks(t.id(), BreakTrigger.WRITE);
        if (a.type() == FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_ISDIR, t.id() + " is a directory", unchanged);
        }
        if (a.type() != FileType.REGULAR) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, t.id() + " is not a regular file", unchanged);
        }
        if (args.count() != args.dataLength()) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_INVAL,
                    "count " + args.count() + " but " + args.dataLength() + " data bytes",
                    unchanged);
        }
        int n = args.dataLength();
        if (offset < 0 || offset + n < 0 || offset + n > VirtualFileSystem.MAX_FILE_SIZE) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_FBIG, "offset " + Long.toUnsignedString(offset) + " + " + n, unchanged);
        }
        ctx.permissions().require(call.who(), a, Nfs3Permissions.ACCESS3_MODIFY, unchanged);
        byte[] verf = ctx.writeVerifier();
        int stable = args.stable();
        return ctx.gate().breakThen(t.share().breakPolicy(), List.of(t.id()), BreakTrigger.WRITE, () -> {
            FileAttributes pre = Nfs3Context.attrsOrNull(t);
            FileAttributes post;
            try {
                post = fs.write(t.id(), offset, args.buffer(), args.dataOffset(), n);
                if (stable != WriteArgs.UNSTABLE) {
                    fs.commit(t.id());
                }
            } catch (FsException e) {
                WccData wcc = WccData.of(pre, Nfs3Context.attrsOrNull(t), t.shareId());
                throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), wcc);
            }
            int committed = stable == WriteArgs.UNSTABLE ? WriteArgs.UNSTABLE : WriteArgs.FILE_SYNC;
            return new WriteRes(Nfs3Status.NFS3_OK, WccData.of(pre, post, t.shareId()), n, committed, verf);
        });
    }
}
