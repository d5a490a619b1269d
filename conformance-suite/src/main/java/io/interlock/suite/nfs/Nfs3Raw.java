package io.interlock.suite.nfs;

import io.interlock.scenarios.clients.nfs.Nfs3Status;
import io.interlock.scenarios.clients.nfs.wire.MountMntRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateHow;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3DirOpArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Fattr;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Fh;
import io.interlock.scenarios.clients.nfs.wire.Nfs3FsinfoRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3LinkRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3LookupRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReadRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReaddirRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3RenameRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Sattr;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Time;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WccData;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WccRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WriteRes;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Evidence;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.rpc.RpcReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * NFSv3 (RFC 1813 §3.3) and MOUNT v3 (§5) procedure by procedure, for the suites: one raw RPC
 * connection each ({@link RpcProbe}), AUTH_SYS uid/gid 0, every result decoded whole (status, wcc,
 * post-op attributes), every call noted in the evidence with its status. A reply that is not an
 * accepted SUCCESS is an {@link IOException} naming what the server said.
 */
public final class Nfs3Raw implements AutoCloseable {
    public static final int NFS = 100003;
    public static final int MOUNT = 100005;
    public static final int NULL = 0;
    public static final int GETATTR = 1;
    public static final int SETATTR = 2;
    public static final int LOOKUP = 3;
    public static final int ACCESS = 4;
    public static final int READLINK = 5;
    public static final int READ = 6;
    public static final int WRITE = 7;
    public static final int CREATE = 8;
    public static final int MKDIR = 9;
    public static final int SYMLINK = 10;
    public static final int MKNOD = 11;
    public static final int REMOVE = 12;
    public static final int RMDIR = 13;
    public static final int RENAME = 14;
    public static final int LINK = 15;
    public static final int READDIR = 16;
    public static final int READDIRPLUS = 17;
    public static final int FSSTAT = 18;
    public static final int FSINFO = 19;
    public static final int PATHCONF = 20;
    public static final int COMMIT = 21;
    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    private final RpcProbe nfs;
    private final InetSocketAddress mountAddress;
    private final Evidence evidence;
    private final String name;
    private final Duration timeout;
    private byte[] root;

    private Nfs3Raw(RpcProbe nfs, InetSocketAddress mountAddress, Evidence evidence, String name, Duration timeout) {
        this.nfs = nfs;
        this.mountAddress = mountAddress;
        this.evidence = evidence;
        this.name = name;
        this.timeout = timeout;
    }

    /** Connects to NFS at {@code nfs}, mounting {@code export} at {@code mount} first. */
    public static Nfs3Raw connect(
            InetSocketAddress mount, InetSocketAddress nfs, String export, Evidence e, String name, Duration timeout)
            throws IOException {
        Nfs3Raw r = new Nfs3Raw(RpcProbe.connect(nfs, timeout, e, name), mount, e, name, timeout);
        try {
            MountMntRes m = r.mnt(export);
            if (m.status() != 0) {
                throw new IOException("MNT " + export + ": " + MountMntRes.statusName(m.status()));
            }
            r.root = m.fileHandle();
            return r;
        } catch (IOException | RuntimeException ex) {
            r.close();
            throw ex;
        }
    }

    /** The export's root file handle. */
    public byte[] root() {
        return root.clone();
    }

    /** The NFS connection. */
    public RpcProbe probe() {
        return nfs;
    }

    // ---------------------------------------------------------------------------------------------
    // MOUNT

    /** A MOUNT call on a short connection of its own. */
    public RpcReply mountCall(int proc, byte[] args) throws IOException {
        try (RpcProbe m = RpcProbe.connect(mountAddress, timeout, evidence, name)) {
            return m.call(MOUNT, 3, proc, RpcProbe.Cred.sys(), args);
        }
    }

    /** MNT (§5.2.1). */
    public MountMntRes mnt(String path) throws IOException {
        RpcReply r = mountCall(1, new XdrOut().string(path).bytes());
        MountMntRes m = MountMntRes.decode(accepted(r, "MNT"));
        evidence.ok(name, "mount.mnt", path + " -> " + MountMntRes.statusName(m.status()));
        return m;
    }

    // ---------------------------------------------------------------------------------------------
    // NFS

    /** Any NFS call; the reply whatever it is. */
    public RpcReply call(int proc, byte[] args) throws IOException {
        return nfs.call(NFS, 3, proc, RpcProbe.Cred.sys(), args);
    }

    private <R> R call(int proc, String what, Consumer<XdrOut> args, Function<XdrIn, R> decode, Function<R, Integer> st)
            throws IOException {
        XdrOut o = new XdrOut();
        args.accept(o);
        R r = decode.apply(accepted(call(proc, o.bytes()), what));
        evidence.ok(name, "nfs." + what.toLowerCase(java.util.Locale.ROOT), Nfs3Status.nameOf(st.apply(r)));
        return r;
    }

    private static XdrIn accepted(RpcReply r, String what) throws IOException {
        if (!r.success()) {
            throw new IOException(what + ": the server answered " + r);
        }
        return r.results();
    }

    /** GETATTR3res: status and attributes. */
    public record Attr(int status, Nfs3Fattr attributes) {}

    public Attr getattr(byte[] fh) throws IOException {
        return call(
                GETATTR,
                "GETATTR",
                o -> Nfs3Fh.encode(o, fh),
                in -> {
                    int s = in.int32();
                    return new Attr(s, s == 0 ? Nfs3Fattr.decode(in) : null);
                },
                Attr::status);
    }

    /** SETATTR with an optional guard ctime (null: no guard). */
    public Nfs3WccRes setattr(byte[] fh, Nfs3Sattr attrs, Nfs3Time guard) throws IOException {
        return call(
                SETATTR,
                "SETATTR",
                o -> {
                    Nfs3Fh.encode(o, fh);
                    attrs.encode(o);
                    o.bool(guard != null); // sattrguard3.check
                    if (guard != null) {
                        guard.encode(o); // obj_ctime
                    }
                },
                Nfs3WccRes::decode,
                Nfs3WccRes::status);
    }

    public Nfs3LookupRes lookup(byte[] dir, String n) throws IOException {
        return call(LOOKUP, "LOOKUP", new Nfs3DirOpArgs(dir, n)::encode, Nfs3LookupRes::decode, Nfs3LookupRes::status);
    }

    /** ACCESS3res: status, attributes, granted mask. */
    public record Access(int status, Nfs3Fattr attributes, int granted) {}

    public Access access(byte[] fh, int mask) throws IOException {
        return call(
                ACCESS,
                "ACCESS",
                o -> {
                    Nfs3Fh.encode(o, fh);
                    o.int32(mask);
                },
                in -> {
                    int s = in.int32();
                    Nfs3Fattr a = Nfs3Fattr.decodePostOp(in);
                    return new Access(s, a, s == 0 ? in.int32() : 0);
                },
                Access::status);
    }

    /** READLINK3res: status and the link text. */
    public record Readlink(int status, String target) {}

    public Readlink readlink(byte[] fh) throws IOException {
        return call(
                READLINK,
                "READLINK",
                o -> Nfs3Fh.encode(o, fh),
                in -> {
                    int s = in.int32();
                    Nfs3Fattr.decodePostOp(in);
                    return new Readlink(s, s == 0 ? in.string(4096) : null);
                },
                Readlink::status);
    }

    public Nfs3ReadRes read(byte[] fh, long offset, int count) throws IOException {
        return call(
                READ,
                "READ",
                o -> {
                    Nfs3Fh.encode(o, fh);
                    o.hyper(offset).int32(count);
                },
                Nfs3ReadRes::decode,
                Nfs3ReadRes::status);
    }

    /** WRITE3args encoded (for tests that send them raw). */
    public static byte[] writeArgs(byte[] fh, long offset, byte[] data, int stable) {
        XdrOut o = new XdrOut(data.length + 128);
        Nfs3Fh.encode(o, fh); // file
        o.hyper(offset); // offset
        o.int32(data.length); // count
        o.int32(stable); // stable
        o.opaque(data); // data
        return o.bytes();
    }

    public Nfs3WriteRes write(byte[] fh, long offset, byte[] data, int stable) throws IOException {
        RpcReply r = call(WRITE, writeArgs(fh, offset, data, stable));
        Nfs3WriteRes w = Nfs3WriteRes.decode(accepted(r, "WRITE"));
        evidence.ok(name, "nfs.write", "@" + offset + " " + data.length + "B -> " + Nfs3Status.nameOf(w.status()));
        return w;
    }

    public Nfs3CreateRes create(byte[] dir, String n, Nfs3CreateHow how) throws IOException {
        return call(
                CREATE,
                "CREATE",
                o -> {
                    new Nfs3DirOpArgs(dir, n).encode(o);
                    how.encode(o);
                },
                Nfs3CreateRes::decode,
                Nfs3CreateRes::status);
    }

    /** CREATE with raw createhow3 bytes after the diropargs (e.g. a 12-byte verifier). */
    public Nfs3CreateRes createRaw(byte[] dir, String n, byte[] how) throws IOException {
        return call(
                CREATE,
                "CREATE",
                o -> {
                    new Nfs3DirOpArgs(dir, n).encode(o);
                    o.raw(how);
                },
                Nfs3CreateRes::decode,
                Nfs3CreateRes::status);
    }

    public Nfs3CreateRes mkdir(byte[] dir, String n) throws IOException {
        return call(
                MKDIR,
                "MKDIR",
                o -> {
                    new Nfs3DirOpArgs(dir, n).encode(o);
                    Nfs3Sattr.NONE.encode(o);
                },
                Nfs3CreateRes::decode,
                Nfs3CreateRes::status);
    }

    public Nfs3CreateRes symlink(byte[] dir, String n, String target) throws IOException {
        return call(
                SYMLINK,
                "SYMLINK",
                o -> {
                    new Nfs3DirOpArgs(dir, n).encode(o);
                    Nfs3Sattr.NONE.encode(o);
                    o.string(target);
                },
                Nfs3CreateRes::decode,
                Nfs3CreateRes::status);
    }

    /** MKNOD of a FIFO (type 7), which needs no device numbers. */
    public Nfs3CreateRes mknodFifo(byte[] dir, String n) throws IOException {
        return call(
                MKNOD,
                "MKNOD",
                o -> {
                    new Nfs3DirOpArgs(dir, n).encode(o);
                    o.int32(7); // mknoddata3.type NF3FIFO
                    Nfs3Sattr.NONE.encode(o); // pipe_attributes
                },
                Nfs3CreateRes::decode,
                Nfs3CreateRes::status);
    }

    public Nfs3WccRes remove(byte[] dir, String n) throws IOException {
        return call(REMOVE, "REMOVE", new Nfs3DirOpArgs(dir, n)::encode, Nfs3WccRes::decode, Nfs3WccRes::status);
    }

    public Nfs3WccRes rmdir(byte[] dir, String n) throws IOException {
        return call(RMDIR, "RMDIR", new Nfs3DirOpArgs(dir, n)::encode, Nfs3WccRes::decode, Nfs3WccRes::status);
    }

    public Nfs3RenameRes rename(byte[] fromDir, String from, byte[] toDir, String to) throws IOException {
        return call(
                RENAME,
                "RENAME",
                o -> {
                    new Nfs3DirOpArgs(fromDir, from).encode(o);
                    new Nfs3DirOpArgs(toDir, to).encode(o);
                },
                Nfs3RenameRes::decode,
                Nfs3RenameRes::status);
    }

    public Nfs3LinkRes link(byte[] file, byte[] dir, String n) throws IOException {
        return call(
                LINK,
                "LINK",
                o -> {
                    Nfs3Fh.encode(o, file);
                    new Nfs3DirOpArgs(dir, n).encode(o);
                },
                Nfs3LinkRes::decode,
                Nfs3LinkRes::status);
    }

    public Nfs3ReaddirRes readdir(byte[] dir, long cookie, byte[] verf, int count) throws IOException {
        return call(
                READDIR,
                "READDIR",
                o -> {
                    Nfs3Fh.encode(o, dir);
                    o.hyper(cookie).fixedOpaque(verf).int32(count);
                },
                Nfs3ReaddirRes::decode,
                Nfs3ReaddirRes::status);
    }

    /** READDIRPLUS3res: entries carry attributes and handles. */
    public record Plus(int status, byte[] cookieverf, List<PlusEntry> entries, boolean eof) {}

    public record PlusEntry(long fileid, String name, long cookie, Nfs3Fattr attributes, byte[] handle) {}

    public Plus readdirplus(byte[] dir, long cookie, byte[] verf, int dircount, int maxcount) throws IOException {
        return call(
                READDIRPLUS,
                "READDIRPLUS",
                o -> {
                    Nfs3Fh.encode(o, dir);
                    o.hyper(cookie).fixedOpaque(verf).int32(dircount).int32(maxcount);
                },
                in -> {
                    int s = in.int32();
                    Nfs3Fattr.decodePostOp(in);
                    if (s != 0) {
                        return new Plus(s, null, List.of(), false);
                    }
                    byte[] v = in.fixedOpaque(8);
                    List<PlusEntry> es = new ArrayList<>();
                    while (in.bool()) {
                        long id = in.hyper();
                        String nm = in.string(1024);
                        long c = in.hyper();
                        Nfs3Fattr a = Nfs3Fattr.decodePostOp(in);
                        byte[] h = Nfs3Fh.decodePostOp(in);
                        es.add(new PlusEntry(id, nm, c, a, h));
                    }
                    return new Plus(s, v, es, in.bool());
                },
                Plus::status);
    }

    /** FSSTAT3res (status and the counters). */
    public record Fsstat(int status, long tbytes, long fbytes, long abytes, long tfiles, long ffiles, long afiles) {}

    public Fsstat fsstat(byte[] fh) throws IOException {
        return call(
                FSSTAT,
                "FSSTAT",
                o -> Nfs3Fh.encode(o, fh),
                in -> {
                    int s = in.int32();
                    Nfs3Fattr.decodePostOp(in);
                    if (s != 0) {
                        return new Fsstat(s, 0, 0, 0, 0, 0, 0);
                    }
                    return new Fsstat(s, in.hyper(), in.hyper(), in.hyper(), in.hyper(), in.hyper(), in.hyper());
                },
                Fsstat::status);
    }

    public Nfs3FsinfoRes fsinfo(byte[] fh) throws IOException {
        return call(FSINFO, "FSINFO", o -> Nfs3Fh.encode(o, fh), Nfs3FsinfoRes::decode, Nfs3FsinfoRes::status);
    }

    /** PATHCONF3res. */
    public record Pathconf(int status, long linkMax, long nameMax, boolean noTrunc) {}

    public Pathconf pathconf(byte[] fh) throws IOException {
        return call(
                PATHCONF,
                "PATHCONF",
                o -> Nfs3Fh.encode(o, fh),
                in -> {
                    int s = in.int32();
                    Nfs3Fattr.decodePostOp(in);
                    if (s != 0) {
                        return new Pathconf(s, 0, 0, false);
                    }
                    return new Pathconf(s, in.uint32(), in.uint32(), in.bool());
                },
                Pathconf::status);
    }

    /** COMMIT3res. */
    public record Commit(int status, Nfs3WccData wcc, byte[] verifier) {}

    public Commit commit(byte[] fh, long offset, int count) throws IOException {
        return call(
                COMMIT,
                "COMMIT",
                o -> {
                    Nfs3Fh.encode(o, fh);
                    o.hyper(offset).int32(count);
                },
                in -> {
                    int s = in.int32();
                    Nfs3WccData w = Nfs3WccData.decode(in);
                    return new Commit(s, w, s == 0 ? in.fixedOpaque(8) : null);
                },
                Commit::status);
    }

    // ---------------------------------------------------------------------------------------------
    // Conveniences

    /** CREATE GUARDED of {@code n} in the root; returns its handle (fails unless NFS3_OK). */
    public byte[] newFile(String n) throws IOException {
        return newFile(root, n);
    }

    public byte[] newFile(byte[] dir, String n) throws IOException {
        Nfs3CreateRes r = create(dir, n, new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE));
        ok(r.status(), "CREATE " + n);
        return r.object() != null ? r.object() : lookup(dir, n).object();
    }

    /** MKDIR of {@code n} in {@code dir}; returns its handle. */
    public byte[] newDir(byte[] dir, String n) throws IOException {
        Nfs3CreateRes r = mkdir(dir, n);
        ok(r.status(), "MKDIR " + n);
        return r.object() != null ? r.object() : lookup(dir, n).object();
    }

    /** Fails with the status's name unless it is NFS3_OK. */
    public static void ok(int status, String what) throws IOException {
        if (status != 0) {
            throw new IOException(what + ": " + Nfs3Status.nameOf(status));
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        nfs.close();
    }
}
