package io.interlock.scenarios.clients.nfs;

import io.interlock.scenarios.clients.nfs.wire.MountMntArgs;
import io.interlock.scenarios.clients.nfs.wire.MountMntRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateHow;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3DirOpArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Fattr;
import io.interlock.scenarios.clients.nfs.wire.Nfs3FsinfoArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3FsinfoRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3GetattrArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3GetattrRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3LinkArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3LinkRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3LookupRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3MkdirArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Procedure;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReadArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReadRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReaddirArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReaddirRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3RenameArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3RenameRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Sattr;
import io.interlock.scenarios.clients.nfs.wire.Nfs3SetattrArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3StableHow;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WccRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Wire;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WriteArgs;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WriteRes;
import io.interlock.scenarios.clients.rpc.AuthSys;
import io.interlock.scenarios.clients.rpc.RpcConnection;
import io.interlock.scenarios.clients.rpc.RpcProtocolException;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.scenarios.clients.rpc.XidSequence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Our own NFSv3 (RFC 1813 §3) and MOUNT v3 (§5) client on plain blocking TCP sockets, for the
 * scenario engine. It never contacts a portmapper: it is given the MOUNT and NFS ports.
 *
 * <ul>
 *   <li>Connect: MNT of the export over a short MOUNT connection of its own (closed at once, no
 *       UMNT), then one NFS connection for the life of the client, and FSINFO on it to size READ and
 *       WRITE (rtpref/wtpref, at most 1 MiB). One connection per instance: nothing is shared with
 *       other clients of the JVM, so a wire proxy sees each client's own stream.
 *   <li>Calls: AUTH_SYS uid/gid 0; xids a counter from the seed in {@link NfsClientOptions}, shared
 *       by the MOUNT and NFS connections; one call at a time; replies in any number of fragments;
 *       each reply bounded by the options' timeout (see {@link RpcConnection}).
 *   <li>Paths: every operation LOOKUPs its path from the root, component by component (no handle
 *       cache, so renames by another protocol are seen at once).
 *   <li>Errors: nfsstat3 other than NFS3_OK is a {@link Nfs3StatusException}; a reply that does not
 *       decode or is rejected at the RPC level is an {@link IOException} naming the procedure;
 *       NFS3ERR_JUKEBOX retries the whole operation per {@link JukeboxRetry}.
 *   <li>Strictness: a server that answers a READ with more bytes than asked, a count that does not
 *       match its data, a WRITE count of 0 or above the request, a FILE_SYNC WRITE committed below
 *       FILE_SYNC, or a READDIR with no entries and no eof (quirk q9) fails the operation.
 * </ul>
 *
 * <p>Reports to the options' {@link io.interlock.scenarios.clients.ClientActivity} through its
 * {@link RpcConnection}s. Thread-safe (calls are serialised on the connection).
 */
public final class RpcNfsClient implements NfsClient {
    private static final int DEFAULT_CHUNK = 64 * 1024;
    private static final int MAX_CHUNK = 1 << 20;
    /** READDIR count, as nfs-client-java's list() (§1.6). */
    private static final int READDIR_COUNT = 8192;
    /** READDIR replies per listing before we call the server's cookies a loop. */
    private static final int READDIR_MAX_REPLIES = 100_000;

    private final RpcConnection nfs;
    private final byte[] root;
    private final int readChunk;
    private final int writeChunk;
    private final JukeboxRetry retry;
    private final long verifierBase;
    private final AtomicLong verifiers = new AtomicLong();
    private volatile JukeboxObserver observer = JukeboxObserver.NONE;

    private RpcNfsClient(RpcConnection nfs, byte[] root, int readChunk, int writeChunk, NfsClientOptions o) {
        this.nfs = nfs;
        this.root = root;
        this.readChunk = readChunk;
        this.writeChunk = writeChunk;
        this.retry = o.retry();
        this.verifierBase = (long) o.xidSeed() << 32;
    }

    /**
     * Mounts {@code exportPath} at {@code mount}, then connects to NFS at {@code nfs}.
     *
     * @throws IOException MOUNT or NFS unreachable, MNT refused (the message names the
     *     mountstat3), or FSINFO failed
     */
    public static RpcNfsClient connect(
            InetSocketAddress mount, InetSocketAddress nfs, String exportPath, NfsClientOptions o) throws IOException {
        XidSequence xids = new XidSequence(o.xidSeed());
        AuthSys cred = AuthSys.root(o.machineName());
        byte[] root;
        try (RpcConnection m = RpcConnection.open(mount, o.timeout(), xids, cred, o.activity())) {
            XdrOut args = new XdrOut();
            new MountMntArgs(exportPath).encode(args);
            MountMntRes r;
            try {
                r = MountMntRes.decode(
                        m.call(MountMntArgs.PROGRAM, MountMntArgs.VERSION, MountMntArgs.MNT, args.bytes()));
            } catch (RpcProtocolException e) {
                throw new IOException("MNT " + exportPath + " at " + mount + ": " + e.getMessage(), e);
            }
            if (r.status() != MountMntRes.MNT3_OK) {
                throw new IOException("MNT " + exportPath + " at " + mount + ": " + MountMntRes.statusName(r.status()));
            }
            root = r.fileHandle();
        }
        RpcConnection c = RpcConnection.open(nfs, o.timeout(), xids, cred, o.activity(), MAX_CHUNK + 64 * 1024);
        try {
            Nfs3FsinfoRes info = call(c, Nfs3Procedure.FSINFO, new Nfs3FsinfoArgs(root)::encode, Nfs3FsinfoRes::decode);
            check(info.status(), "FSINFO " + exportPath);
            return new RpcNfsClient(c, root, chunk(info.rtpref(), info.rtmax()), chunk(info.wtpref(), info.wtmax()), o);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The preferred size when there is one, never above the maximum nor 1 MiB. */
    private static int chunk(long pref, long max) {
        long c = pref > 0 ? pref : DEFAULT_CHUNK;
        if (max > 0) {
            c = Math.min(c, max);
        }
        return (int) Math.min(c, MAX_CHUNK);
    }

    /** The local end of the NFS connection (the key of its activity reports). */
    public InetSocketAddress localAddress() {
        return nfs.local();
    }

    /** The export's root file handle from MNT. */
    public byte[] rootHandle() {
        return root.clone();
    }

    @Override
    public void onJukebox(JukeboxObserver o) {
        this.observer = o == null ? JukeboxObserver.NONE : o;
    }

    // ---------------------------------------------------------------------------------------------
    // Calls and paths

    private <R> R call(Nfs3Procedure p, Consumer<XdrOut> args, Function<XdrIn, R> decode) throws IOException {
        return call(nfs, p, args, decode);
    }

    /** One NFS call; a reply that is rejected or does not decode is an IOException naming the procedure. */
    private static <R> R call(RpcConnection c, Nfs3Procedure p, Consumer<XdrOut> args, Function<XdrIn, R> decode)
            throws IOException {
        XdrOut o = new XdrOut();
        args.accept(o);
        try {
            return decode.apply(c.call(Nfs3Procedure.PROGRAM, Nfs3Procedure.VERSION, p.number(), o.bytes()));
        } catch (RpcProtocolException e) {
            throw new IOException("NFS " + p + ": " + e.getMessage(), e);
        }
    }

    private static void check(int status, String what) throws Nfs3StatusException {
        if (status != Nfs3Wire.NFS3_OK) {
            throw new Nfs3StatusException(status, what);
        }
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    private Nfs3LookupRes lookupRes(Nfs3DirOpArgs where) throws IOException {
        return call(Nfs3Procedure.LOOKUP, where::encode, Nfs3LookupRes::decode);
    }

    private byte[] lookupIn(byte[] dir, String name, String what) throws IOException {
        Nfs3LookupRes r = lookupRes(new Nfs3DirOpArgs(dir, name));
        check(r.status(), what);
        return r.object();
    }

    private byte[] lookup(List<String> components, String what) throws IOException {
        byte[] fh = root;
        for (String c : components) {
            fh = lookupIn(fh, c, what);
        }
        return fh;
    }

    private byte[] lookup(String path, String what) throws IOException {
        return lookup(components(path), what);
    }

    /** The directory handle and last name of {@code path}. */
    private Nfs3DirOpArgs where(String path, String what) throws IOException {
        List<String> c = components(path);
        if (c.isEmpty()) {
            throw new IllegalArgumentException(what + ": the export root has no name in a directory");
        }
        return new Nfs3DirOpArgs(lookup(c.subList(0, c.size() - 1), what), c.get(c.size() - 1));
    }

    // ---------------------------------------------------------------------------------------------
    // Operations

    @Override
    public byte[] fileHandle(String path) throws IOException {
        String what = "LOOKUP " + path;
        return retry.run(what, observer, () -> lookup(path, what));
    }

    @Override
    public NfsAttrs getattr(String path) throws IOException {
        String what = "GETATTR " + path;
        return retry.run(what, observer, () -> {
            byte[] fh = lookup(path, what);
            Nfs3GetattrRes r = call(Nfs3Procedure.GETATTR, new Nfs3GetattrArgs(fh)::encode, Nfs3GetattrRes::decode);
            check(r.status(), what);
            Nfs3Fattr a = r.attributes();
            return new NfsAttrs(
                    NfsAttrs.typeName(a.type()),
                    a.mode(),
                    a.nlink(),
                    a.uid(),
                    a.gid(),
                    a.size(),
                    a.fileid(),
                    a.mtime().toInstant());
        });
    }

    @Override
    public byte[] read(String path) throws IOException {
        String what = "READ " + path;
        return retry.run(what, observer, () -> readRange(lookup(path, what), 0, Long.MAX_VALUE, what));
    }

    @Override
    public byte[] read(String path, long offset, int count) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        String what = "READ " + path;
        return retry.run(what, observer, () -> readRange(lookup(path, what), offset, count, what));
    }

    private byte[] readRange(byte[] fh, long offset, long limit, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pos = offset;
        long remaining = limit;
        while (remaining > 0) {
            int n = (int) Math.min(readChunk, remaining);
            Nfs3ReadRes r = call(Nfs3Procedure.READ, new Nfs3ReadArgs(fh, pos, n)::encode, Nfs3ReadRes::decode);
            check(r.status(), what);
            if (r.count() != r.data().length || r.count() > n) {
                throw new IOException(what + ": READ of " + n + " bytes at " + pos + " answered count " + r.count()
                        + " with " + r.data().length + " bytes of data");
            }
            if ((long) out.size() + r.count() > Integer.MAX_VALUE - 8) {
                throw new IOException(what + ": the file is too large to read into one array");
            }
            out.write(r.data(), 0, r.count());
            pos += r.count();
            remaining -= r.count();
            if (r.eof() || r.count() == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    @Override
    public int write(String path, long offset, byte[] data) throws IOException {
        String what = "WRITE " + path;
        return retry.run(what, observer, () -> writeAll(lookupOrCreate(path, what), offset, data, what));
    }

    @Override
    public int writeExisting(String path, long offset, byte[] data) throws IOException {
        String what = "WRITE " + path;
        return retry.run(what, observer, () -> writeAll(lookup(path, what), offset, data, what));
    }

    /** LOOKUP, and on NFS3ERR_NOENT CREATE UNCHECKED with no attributes (what today's catalog expects). */
    private byte[] lookupOrCreate(String path, String what) throws IOException {
        Nfs3DirOpArgs where = where(path, what);
        Nfs3LookupRes l = lookupRes(where);
        if (l.status() == Nfs3Wire.NFS3_OK) {
            return l.object();
        }
        if (l.status() != Nfs3Status.NFS3ERR_NOENT.value()) {
            throw new Nfs3StatusException(l.status(), what);
        }
        Nfs3CreateRes c = call(
                Nfs3Procedure.CREATE,
                new Nfs3CreateArgs(where, new Nfs3CreateHow.Unchecked(Nfs3Sattr.NONE))::encode,
                Nfs3CreateRes::decode);
        check(c.status(), what);
        return c.object() != null ? c.object() : lookupIn(where.dir(), where.name(), what);
    }

    private int writeAll(byte[] fh, long offset, byte[] data, String what) throws IOException {
        int done = 0;
        while (done < data.length) {
            int n = Math.min(writeChunk, data.length - done);
            byte[] chunk = n == data.length ? data : Arrays.copyOfRange(data, done, done + n);
            long at = offset + done;
            Nfs3WriteRes r = call(
                    Nfs3Procedure.WRITE,
                    new Nfs3WriteArgs(fh, at, n, Nfs3StableHow.FILE_SYNC, chunk)::encode,
                    Nfs3WriteRes::decode);
            check(r.status(), what);
            if (r.count() <= 0 || r.count() > n) {
                throw new IOException(what + ": WRITE of " + n + " bytes at " + at + " answered count " + r.count());
            }
            if (r.committed() != Nfs3StableHow.FILE_SYNC) {
                throw new IOException(what + ": FILE_SYNC WRITE answered committed " + r.committed());
            }
            done += r.count();
        }
        return done;
    }

    @Override
    public void create(String path, Nfs3CreateMode mode, Long size) throws IOException {
        String what = "CREATE " + path;
        // drawn once: a retried EXCLUSIVE CREATE must carry the same verifier (RFC 1813 §3.3.8)
        byte[] verifier = mode == Nfs3CreateMode.EXCLUSIVE ? nextVerifier() : null;
        retry.run(what, observer, () -> {
            Nfs3DirOpArgs where = where(path, what);
            Nfs3CreateHow how =
                    switch (mode) {
                        case UNCHECKED -> new Nfs3CreateHow.Unchecked(Nfs3Sattr.size(size));
                        case GUARDED -> new Nfs3CreateHow.Guarded(Nfs3Sattr.size(size));
                        case EXCLUSIVE -> new Nfs3CreateHow.Exclusive(verifier);
                    };
            Nfs3CreateRes r = call(Nfs3Procedure.CREATE, new Nfs3CreateArgs(where, how)::encode, Nfs3CreateRes::decode);
            check(r.status(), what);
            if (mode == Nfs3CreateMode.EXCLUSIVE && size != null) {
                // EXCLUSIVE carries no attributes; the client sets them afterwards (§3.3.8)
                byte[] fh = r.object() != null ? r.object() : lookupIn(where.dir(), where.name(), what);
                setattrSize(fh, size, what);
            }
            return null;
        });
    }

    /** A createverf3 unique per client and call, from the seed (no randomness). */
    private byte[] nextVerifier() {
        return ByteBuffer.allocate(8)
                .putLong(verifierBase + verifiers.incrementAndGet())
                .array();
    }

    private void setattrSize(byte[] fh, long size, String what) throws IOException {
        Nfs3WccRes r = call(
                Nfs3Procedure.SETATTR, new Nfs3SetattrArgs(fh, Nfs3Sattr.size(size), null)::encode, Nfs3WccRes::decode);
        check(r.status(), what);
    }

    @Override
    public void setSize(String path, long size) throws IOException {
        String what = "SETATTR " + path;
        retry.run(what, observer, () -> {
            setattrSize(lookup(path, what), size, what);
            return null;
        });
    }

    @Override
    public void remove(String path) throws IOException {
        dirOp(Nfs3Procedure.REMOVE, path);
    }

    @Override
    public void rmdir(String path) throws IOException {
        dirOp(Nfs3Procedure.RMDIR, path);
    }

    /** REMOVE or RMDIR: a diropargs3 in, a wcc_data out. */
    private void dirOp(Nfs3Procedure p, String path) throws IOException {
        String what = p + " " + path;
        retry.run(what, observer, () -> {
            Nfs3WccRes r = call(p, where(path, what)::encode, Nfs3WccRes::decode);
            check(r.status(), what);
            return null;
        });
    }

    @Override
    public void rename(String from, String to) throws IOException {
        String what = "RENAME " + from + " -> " + to;
        retry.run(what, observer, () -> {
            Nfs3RenameArgs args = new Nfs3RenameArgs(where(from, what), where(to, what));
            Nfs3RenameRes r = call(Nfs3Procedure.RENAME, args::encode, Nfs3RenameRes::decode);
            check(r.status(), what);
            return null;
        });
    }

    @Override
    public void mkdir(String path) throws IOException {
        String what = "MKDIR " + path;
        retry.run(what, observer, () -> {
            Nfs3MkdirArgs args = new Nfs3MkdirArgs(where(path, what), Nfs3Sattr.NONE);
            Nfs3CreateRes r = call(Nfs3Procedure.MKDIR, args::encode, Nfs3CreateRes::decode);
            check(r.status(), what);
            return null;
        });
    }

    @Override
    public void link(String existing, String newPath) throws IOException {
        String what = "LINK " + existing + " -> " + newPath;
        retry.run(what, observer, () -> {
            Nfs3LinkArgs args = new Nfs3LinkArgs(lookup(existing, what), where(newPath, what));
            Nfs3LinkRes r = call(Nfs3Procedure.LINK, args::encode, Nfs3LinkRes::decode);
            check(r.status(), what);
            return null;
        });
    }

    @Override
    public List<String> readdir(String dir) throws IOException {
        String what = "READDIR " + dir;
        return retry.run(what, observer, () -> {
            byte[] fh = lookup(dir, what);
            List<String> names = new ArrayList<>();
            long cookie = 0;
            byte[] verf = new byte[Nfs3Wire.VERIFIER_SIZE];
            for (int replies = 0; replies < READDIR_MAX_REPLIES; replies++) {
                Nfs3ReaddirRes r = call(
                        Nfs3Procedure.READDIR,
                        new Nfs3ReaddirArgs(fh, cookie, verf, READDIR_COUNT)::encode,
                        Nfs3ReaddirRes::decode);
                check(r.status(), what);
                for (Nfs3ReaddirRes.Entry e : r.entries()) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        names.add(e.name());
                    }
                    cookie = e.cookie();
                }
                if (r.eof()) {
                    return names;
                }
                if (r.entries().isEmpty()) {
                    // neither progress nor eof: asking again would loop forever (quirk q9)
                    throw new IOException(what + ": READDIR answered no entries and no eof");
                }
                verf = r.cookieverf();
            }
            throw new IOException(what + ": no eof after " + READDIR_MAX_REPLIES + " READDIR replies");
        });
    }

    @Override
    public void close() {
        nfs.close();
    }
}
