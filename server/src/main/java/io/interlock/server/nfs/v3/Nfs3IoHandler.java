package io.interlock.server.nfs.v3;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.ReadResult;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** READ, WRITE, COMMIT (RFC 1813 §3.3.6, §3.3.7, §3.3.21). */
final class Nfs3IoHandler {
    // stable_how
    static final int UNSTABLE = 0;
    static final int DATA_SYNC = 1;
    static final int FILE_SYNC = 2;

    private final Nfs3Context ctx;

    Nfs3IoHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    /**
     * READ3args {file, offset, count}; resok {file_attributes, count, eof, data}. Never more than
     * {@code count} bytes (q7); past EOF → 0 bytes and eof (R-NFS-6). Breaks W leases first.
     */
    CompletableFuture<XdrEncodable> read(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        long offset = r.readLong();
        long asked = r.readUnsignedInt();
        Nfs3Target t = ctx.resolve(fh);
        VirtualFileSystem fs = t.fs();
        FileAttributes a = fs.getAttributes(t.id());
        checkRegular(t, a);
        int count = (int) Math.min(asked, Nfs3Context.MAX_IO);
        return ctx.gate().breakThen(t.share().breakPolicy(), List.of(t.id()), BreakTrigger.READ, () -> {
            ReadResult rr;
            try {
                rr = offset < 0 ? new ReadResult(new byte[0], true) : fs.read(t.id(), offset, count);
            } catch (FsException e) {
                FileAttributes now = Nfs3Context.attrsOrNull(t);
                throw new Nfs3Exception(
                        Nfs3ErrorMapper.map(e.error()), e.getMessage(), w -> Nfs3Xdr.postOpAttr(w, now, t.shareId()));
            }
            FileAttributes post = Nfs3Context.attrsOrNull(t);
            byte[] data = rr.data();
            boolean eof = rr.eof();
            return w -> {
                w.writeInt(Nfs3Status.NFS3_OK.code());
                Nfs3Xdr.postOpAttr(w, post, t.shareId());
                w.writeInt(data.length);
                w.writeBoolean(eof);
                w.writeOpaque(data);
            };
        });
    }

    /**
     * WRITE3args {file, offset, count, stable, data}; resok {file_wcc, count, committed, verf};
     * resfail {file_wcc}. Breaks R and W leases before the data changes (R-XP-1).
     */
    CompletableFuture<XdrEncodable> write(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        long offset = r.readLong();
        long count = r.readUnsignedInt();
        int stable = r.readInt();
        if (stable < UNSTABLE || stable > FILE_SYNC) {
            throw new io.interlock.server.rpc.XdrException("stable_how " + stable);
        }
        int[] len = new int[1];
        int dataAt = r.readOpaqueInPlace(Integer.MAX_VALUE, len);
        byte[] buf = r.array();
        int n = (int) Math.min(count, len[0]);
        Nfs3Target t = ctx.resolve(fh);
        VirtualFileSystem fs = t.fs();
        FileAttributes a = fs.getAttributes(t.id());
        XdrEncodable unchanged = w -> Nfs3Xdr.wcc(w, a, a, t.shareId());
        if (a.type() == FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_ISDIR, t.id() + " is a directory", unchanged);
        }
        if (a.type() != FileType.REGULAR) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, t.id() + " is not a regular file", unchanged);
        }
        if (offset < 0 || offset + n < 0 || offset + n > VirtualFileSystem.MAX_FILE_SIZE) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_FBIG, "offset " + Long.toUnsignedString(offset), unchanged);
        }
        byte[] verf = ctx.writeVerifier();
        return ctx.gate().breakThen(t.share().breakPolicy(), List.of(t.id()), BreakTrigger.WRITE, () -> {
            FileAttributes pre = Nfs3Context.attrsOrNull(t);
            FileAttributes post;
            try {
                post = fs.write(t.id(), offset, buf, dataAt, n);
                if (stable != UNSTABLE) {
                    fs.commit(t.id());
                }
            } catch (FsException e) {
                FileAttributes now = Nfs3Context.attrsOrNull(t);
                throw new Nfs3Exception(
                        Nfs3ErrorMapper.map(e.error()), e.getMessage(), w -> Nfs3Xdr.wcc(w, pre, now, t.shareId()));
            }
            int committed = stable == UNSTABLE ? UNSTABLE : FILE_SYNC;
            return w -> {
                w.writeInt(Nfs3Status.NFS3_OK.code());
                Nfs3Xdr.wcc(w, pre, post, t.shareId());
                w.writeInt(n);
                w.writeInt(committed);
                w.writeFixedOpaque(verf);
            };
        });
    }

    /** COMMIT3args {file, offset, count}; resok {file_wcc, verf}; resfail {file_wcc}. */
    CompletableFuture<XdrEncodable> commit(RpcRequest req) throws Exception {
        XdrReader r = req.args();
        byte[] fh = Nfs3Xdr.readHandle(r);
        r.readLong(); // offset: the whole file is committed
        r.readUnsignedInt(); // count
        Nfs3Target t = ctx.resolve(fh);
        VirtualFileSystem fs = t.fs();
        FileAttributes pre = fs.getAttributes(t.id());
        if (pre.type() == FileType.DIRECTORY) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_ISDIR, t.id() + " is a directory", w -> Nfs3Xdr.wcc(w, pre, pre, t.shareId()));
        }
        try {
            fs.commit(t.id());
        } catch (FsException e) {
            FileAttributes now = Nfs3Context.attrsOrNull(t);
            throw new Nfs3Exception(
                    Nfs3ErrorMapper.map(e.error()), e.getMessage(), w -> Nfs3Xdr.wcc(w, pre, now, t.shareId()));
        }
        FileAttributes post = Nfs3Context.attrsOrNull(t);
        byte[] verf = ctx.writeVerifier();
        return Nfs3Handler.ok(w -> {
            Nfs3Xdr.wcc(w, pre, post, t.shareId());
            w.writeFixedOpaque(verf);
        });
    }

    private static void checkRegular(Nfs3Target t, FileAttributes a) throws Nfs3Exception {
        XdrEncodable attrs = w -> Nfs3Xdr.postOpAttr(w, a, t.shareId());
        if (a.type() == FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_ISDIR, t.id() + " is a directory", attrs);
        }
        if (a.type() != FileType.REGULAR) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, t.id() + " is not a regular file", attrs);
        }
    }
}
