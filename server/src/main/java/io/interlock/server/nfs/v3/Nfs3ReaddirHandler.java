package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.DirEntry;
import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * READDIR and READDIRPLUS (RFC 1813 §3.3.16–17). Cookies are the store's cookies; the cookie
 * verifier is a constant 0 ("not used"), because nfs-client-java cannot handle BAD_COOKIE (q9);
 * every reply carries at least one entry or eof=TRUE; TOOSMALL when not even one entry fits.
 * "." and ".." are not listed (the store has no cookies for them).
 */
final class Nfs3ReaddirHandler {
    /** status + dir post_op_attr + cookieverf + end-of-list + eof. */
    private static final int REPLY_OVERHEAD = 4 + 4 + 84 + 8 + 4 + 4;

    private static final int MAX_ENTRIES = 4096;

    private final Nfs3Context ctx;

    Nfs3ReaddirHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    /** READDIR3args {dir, cookie, cookieverf, count}. */
    CompletableFuture<XdrEncodable> readdir(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        long cookie = r.readLong();
        r.readFixedOpaque(8); // cookieverf: ignored, ours is constant
        long count = r.readUnsignedInt();
        return list(fh, cookie, count, count, false);
    }

    /** READDIRPLUS3args {dir, cookie, cookieverf, dircount, maxcount}. */
    CompletableFuture<XdrEncodable> readdirplus(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        long cookie = r.readLong();
        r.readFixedOpaque(8);
        long dircount = r.readUnsignedInt();
        long maxcount = r.readUnsignedInt();
        return list(fh, cookie, dircount, maxcount, true);
    }

    private CompletableFuture<XdrEncodable> list(byte[] fh, long cookie, long dircount, long maxcount, boolean plus)
            throws Exception {
        Nfs3Target dir = ctx.resolve(fh);
        FileAttributes da = dir.fs().getAttributes(dir.id());
        XdrEncodable fail = w -> Nfs3Xdr.postOpAttr(w, da, dir.shareId());
        if (da.type() != FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOTDIR, dir.id() + " is not a directory", fail);
        }
        long budget = Math.min(maxcount, Nfs3Context.MAX_IO) - REPLY_OVERHEAD;
        long dirBudget = plus ? Math.max(dircount, 0) : Long.MAX_VALUE;
        int want = (int) Math.max(1, Math.min(MAX_ENTRIES, budget / (plus ? 140 : 28) + 1));
        DirPage page;
        try {
            page = dir.fs().readDirectory(dir.id(), cookie, want);
        } catch (io.interlock.server.core.vfs.FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), fail);
        }
        List<DirEntry> fit = new ArrayList<>();
        long used = 0;
        long dirUsed = 0;
        for (DirEntry e : page.entries()) {
            int nameLen = (e.name().getBytes(StandardCharsets.UTF_8).length + 3) & ~3;
            int base = 8 + 4 + nameLen + 8; // fileid, name, cookie
            int size = 4 + base + (plus ? 4 + 84 + 4 + 4 + Nfs3FileHandle.LENGTH : 0);
            if (used + size > budget || dirUsed + base > dirBudget) {
                break;
            }
            used += size;
            dirUsed += base;
            fit.add(e);
        }
        if (fit.isEmpty() && !page.entries().isEmpty()) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_TOOSMALL, "count " + maxcount + " too small", fail);
        }
        boolean eof = fit.size() == page.entries().size()
                && (page.eof() || page.entries().isEmpty());
        return Nfs3Handler.ok(w -> {
            Nfs3Xdr.postOpAttr(w, da, dir.shareId());
            w.writeLong(0); // cookieverf3, constant
            for (DirEntry e : fit) {
                w.writeBoolean(true);
                w.writeLong(e.id().value()); // fileid
                w.writeString(e.name());
                w.writeLong(e.cookie());
                if (plus) {
                    Nfs3Xdr.postOpAttr(w, e.attributes(), dir.shareId());
                    w.writeBoolean(true); // post_op_fh3
                    Nfs3Xdr.writeHandle(w, dir.with(e.id()).handle());
                }
            }
            w.writeBoolean(false);
            w.writeBoolean(eof);
        });
    }
}
