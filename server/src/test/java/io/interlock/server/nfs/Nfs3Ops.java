package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.Nfs3Xdr;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny NFSv3 client for tests: encodes arguments, decodes the parts of results tests check. */
final class Nfs3Ops {
    private final NfsCaller caller;

    Nfs3Ops(NfsCaller caller) {
        this.caller = caller;
    }

    /** A reply: status plus the rest of the results. */
    record Res(Nfs3Status status, XdrReader body) {}

    /** Reads a fattr3 as (type, size, fileid, mtime seconds, mtime nanos, ctime s, ctime ns). */
    record Fattr(int type, int mode, long size, long fileid, long mtimeS, int mtimeNs, long ctimeS, int ctimeNs) {}

    Res call(int proc, XdrEncodable args) throws IOException {
        RpcReplyView v = caller.call(Nfs3Program.PROGRAM, Nfs3Program.VERSION, proc, args);
        assertThat(v.success())
                .as("RPC accepted/SUCCESS for proc %d: %s", proc, v)
                .isTrue();
        return new Res(Nfs3Status.of(v.results().readInt()), v.results());
    }

    static Fattr fattr(XdrReader r) {
        int type = r.readInt();
        int mode = r.readInt();
        r.readInt(); // nlink
        r.readInt(); // uid
        r.readInt(); // gid
        long size = r.readLong();
        r.readLong(); // used
        r.readLong(); // rdev
        r.readLong(); // fsid
        long fileid = r.readLong();
        r.readLong(); // atime
        long ms = r.readUnsignedInt();
        int mns = r.readInt();
        long cs = r.readUnsignedInt();
        int cns = r.readInt();
        return new Fattr(type, mode, size, fileid, ms, mns, cs, cns);
    }

    static Fattr postOp(XdrReader r) {
        return r.readBoolean() ? fattr(r) : null;
    }

    /** pre_op_attr as {size, mtime s, mtime ns, ctime s, ctime ns}, or null. */
    static long[] preOp(XdrReader r) {
        if (!r.readBoolean()) {
            return null;
        }
        return new long[] {r.readLong(), r.readUnsignedInt(), r.readInt(), r.readUnsignedInt(), r.readInt()};
    }

    static XdrEncodable dirop(byte[] dir, String name) {
        return w -> {
            w.writeOpaque(dir);
            w.writeOpaque(name.getBytes(StandardCharsets.UTF_8));
        };
    }

    Fattr getattr(byte[] fh) throws IOException {
        Res r = call(1, w -> w.writeOpaque(fh));
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        return fattr(r.body());
    }

    Res lookupRes(byte[] dir, String name) throws IOException {
        return call(3, dirop(dir, name));
    }

    byte[] lookup(byte[] dir, String name) throws IOException {
        Res r = lookupRes(dir, name);
        assertThat(r.status()).as("LOOKUP %s", name).isEqualTo(Nfs3Status.NFS3_OK);
        return r.body().readOpaque(64);
    }

    /** CREATE with mode 0 (UNCHECKED), 1 (GUARDED) and an sattr3, or 2 with a raw verifier field. */
    Res createRes(byte[] dir, String name, int how, SetAttributes attrs, byte[] rawVerifierField) throws IOException {
        return call(8, w -> {
            dirop(dir, name).encode(w);
            w.writeInt(how);
            if (how == 2) {
                w.writeFixedOpaque(rawVerifierField);
            } else {
                Nfs3Xdr.writeSattr3(w, attrs);
            }
        });
    }

    byte[] create(byte[] dir, String name) throws IOException {
        Res r = createRes(dir, name, 1, SetAttributes.NONE, null);
        assertThat(r.status()).as("CREATE %s", name).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(r.body().readBoolean()).isTrue();
        return r.body().readOpaque(64);
    }

    byte[] mkdir(byte[] dir, String name) throws IOException {
        Res r = call(9, w -> {
            dirop(dir, name).encode(w);
            Nfs3Xdr.writeSattr3(w, SetAttributes.NONE);
        });
        assertThat(r.status()).as("MKDIR %s", name).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(r.body().readBoolean()).isTrue();
        return r.body().readOpaque(64);
    }

    Res writeRes(byte[] fh, long offset, byte[] data, int stable) throws IOException {
        return call(7, w -> {
            w.writeOpaque(fh);
            w.writeLong(offset);
            w.writeInt(data.length);
            w.writeInt(stable);
            w.writeOpaque(data);
        });
    }

    Res readRes(byte[] fh, long offset, int count) throws IOException {
        return call(6, w -> {
            w.writeOpaque(fh);
            w.writeLong(offset);
            w.writeInt(count);
        });
    }

    /** READ → {data, eof}. */
    record ReadOut(byte[] data, boolean eof) {}

    ReadOut read(byte[] fh, long offset, int count) throws IOException {
        Res r = readRes(fh, offset, count);
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        postOp(r.body());
        int n = r.body().readInt();
        boolean eof = r.body().readBoolean();
        byte[] data = r.body().readOpaque(Integer.MAX_VALUE);
        assertThat(data).hasSize(n);
        return new ReadOut(data, eof);
    }

    Res removeRes(byte[] dir, String name) throws IOException {
        return call(12, dirop(dir, name));
    }

    Res renameRes(byte[] fromDir, String from, byte[] toDir, String to) throws IOException {
        return call(14, w -> {
            dirop(fromDir, from).encode(w);
            dirop(toDir, to).encode(w);
        });
    }

    /** One READDIR reply: names with cookies, eof. */
    record Page(List<String> names, List<Long> cookies, boolean eof) {}

    Res readdirRes(byte[] dir, long cookie, int count) throws IOException {
        return call(16, w -> {
            w.writeOpaque(dir);
            w.writeLong(cookie);
            w.writeLong(0);
            w.writeInt(count);
        });
    }

    Page readdir(byte[] dir, long cookie, int count) throws IOException {
        Res r = readdirRes(dir, cookie, count);
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        XdrReader b = r.body();
        postOp(b);
        b.readLong(); // cookieverf
        List<String> names = new ArrayList<>();
        List<Long> cookies = new ArrayList<>();
        while (b.readBoolean()) {
            b.readLong();
            names.add(b.readString(1024));
            cookies.add(b.readLong());
        }
        return new Page(names, cookies, b.readBoolean());
    }

    static byte[] bytes(XdrEncodable e) {
        XdrWriter w = new XdrWriter();
        e.encode(w);
        return w.toByteArray();
    }
}
