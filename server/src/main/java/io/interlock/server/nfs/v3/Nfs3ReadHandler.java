package io.interlock.server.nfs.v3;

import io.interlock.server.core.io.PayloadBuffer;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.ReadExtent;
import io.interlock.server.core.vfs.ReadResult;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.message.ReadArgs;
import io.interlock.server.nfs.v3.message.ReadRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * READ (RFC 1813 §3.3.6): never more than {@code count} bytes (q7); past EOF → 0 bytes and eof
 * (R-NFS-6); an offset ≥ 2^63 reads nothing. ISDIR on a directory, INVAL on other non-files, ACCES
 * without read permission; then W leases are broken (R-XP-3) before the data is read.
 */
final class Nfs3ReadHandler implements Nfs3Handler<ReadArgs> {
    private final Nfs3Context ctx;

    Nfs3ReadHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<ReadRes> handle(Nfs3Call call, ReadArgs args) throws Exception {
        Nfs3Target t = ctx.resolve(args.file());
        VirtualFileSystem fs = t.fs();
        FileAttributes a = fs.getAttributes(t.id());
        PostOpAttr attrs = PostOpAttr.of(a, t.shareId());
        if (a.type() == FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_ISDIR, t.id() + " is a directory", attrs);
        }
        if (a.type() != FileType.REGULAR) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, t.id() + " is not a regular file", attrs);
        }
        ctx.permissions().require(call.who(), a, Nfs3Permissions.ACCESS3_READ, attrs);
        long offset = args.offset();
        int count = (int) Math.min(args.count(), Nfs3Context.MAX_IO);
        return ctx.gate().breakThen(t.share().breakPolicy(), List.of(t.id()), BreakTrigger.READ, () -> {
            try {
                if (offset < 0) {
                    return new ReadRes(Nfs3Status.NFS3_OK, post(t), true, new byte[0]);
                }
                // the data goes from the store straight into the buffer the transport sends
                long size = fs.getAttributes(t.id()).size();
                int n = (int) Math.max(0, Math.min(count, size - offset));
                if (n == 0) {
                    ReadResult rr = fs.read(t.id(), offset, 0);
                    return new ReadRes(Nfs3Status.NFS3_OK, post(t), rr.eof(), rr.data());
                }
                PayloadBuffer buf = ctx.payloads().allocate(n);
                try {
                    ReadExtent got = fs.readInto(t.id(), offset, buf.nio());
                    return ReadRes.ofPayload(post(t), got.eof(), buf, got.count());
                } catch (FsException | RuntimeException e) {
                    buf.release();
                    throw e;
                }
            } catch (FsException e) {
                throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), post(t));
            }
        });
    }

    private static PostOpAttr post(Nfs3Target t) {
        return PostOpAttr.of(Nfs3Context.attrsOrNull(t), t.shareId());
    }
}
