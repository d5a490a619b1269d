package io.interlock.scenarios.clients.nfs;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsReadResponse;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsWriteResponse;
import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@link NfsClient} on nfs-client-java 1.1.0, for a target given as a host without ports:
 * path-based operations with FILE_SYNC writes, unsigned attributes and bounded NFS3ERR_JUKEBOX
 * retry; the library's exceptions become {@link Nfs3StatusException}s.
 *
 * <p>The library always asks the portmapper on port 111 of the server host (hard-coded), for both
 * MOUNT and NFS, so this client is used only where that is the user's explicit choice; everything
 * else uses {@link RpcNfsClient}. Its TCP connection per (server, port) is JVM-wide and shared by
 * every instance, it has no close, and it reports nothing to a {@code ClientActivity} (its I/O
 * runs on the library's own Netty 3 threads).
 */
public final class NfsClientDriver implements NfsClient {
    /** stable_how FILE_SYNC (RFC 1813 §3.3.7). */
    private static final int FILE_SYNC = 2;

    private static final int CHUNK = 64 * 1024;

    private final Nfs3 nfs;
    private final JukeboxRetry retry;
    private volatile JukeboxObserver observer = JukeboxObserver.NONE;

    private NfsClientDriver(Nfs3 nfs, JukeboxRetry retry) {
        this.nfs = nfs;
        this.retry = retry;
    }

    /**
     * Mounts {@code exportPath} on {@code host} with AUTH_SYS uid/gid.
     *
     * @throws IOException when the portmapper, MOUNT or NFS cannot be reached
     */
    public static NfsClientDriver connect(String host, String exportPath, int uid, int gid, JukeboxRetry retry)
            throws IOException {
        Nfs3 nfs = new Nfs3(host, exportPath, new CredentialUnix(uid, gid, Set.of()), 1);
        return new NfsClientDriver(nfs, retry);
    }

    public static NfsClientDriver connect(String host, String exportPath) throws IOException {
        return connect(host, exportPath, 0, 0, JukeboxRetry.defaults());
    }

    @Override
    public void onJukebox(JukeboxObserver o) {
        this.observer = o == null ? JukeboxObserver.NONE : o;
    }

    private Nfs3File file(String path) throws IOException {
        String p = path.startsWith("/") ? path : "/" + path;
        return new Nfs3File(nfs, p);
    }

    @Override
    public byte[] fileHandle(String path) throws IOException {
        String what = "LOOKUP " + path;
        return run(what, () -> {
            byte[] fh = file(path).getFileHandle();
            if (fh == null) {
                // the library answers a missing file with no handle rather than NOENT
                throw new Nfs3StatusException(Nfs3Status.NFS3ERR_NOENT.value(), what);
            }
            return fh;
        });
    }

    @Override
    public NfsAttrs getattr(String path) throws IOException {
        return run("GETATTR " + path, () -> {
            NfsGetAttributes a = file(path).getAttributes();
            long u = NfsAttrs.U32;
            return new NfsAttrs(
                    NfsAttrs.typeName(a.getType() == null ? -1 : a.getType().getValue()),
                    a.getMode() & u,
                    a.getNlink() & u,
                    a.getUid() & u,
                    a.getGid() & u,
                    a.getSize(),
                    a.getFileid(),
                    a.getMtime() == null
                            ? null
                            : Instant.ofEpochMilli(a.getMtime().getTimeInMillis()));
        });
    }

    @Override
    public boolean exists(String path) throws IOException {
        return run("LOOKUP " + path, () -> file(path).exists());
    }

    @Override
    public byte[] read(String path) throws IOException {
        return run("READ " + path, () -> readRange(file(path), 0, Long.MAX_VALUE));
    }

    @Override
    public byte[] read(String path, long offset, int count) throws IOException {
        return run("READ " + path, () -> readRange(file(path), offset, count));
    }

    private static byte[] readRange(Nfs3File f, long offset, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pos = offset;
        long remaining = limit;
        byte[] buf = new byte[CHUNK];
        while (remaining > 0) {
            NfsReadResponse r = f.read(pos, (int) Math.min(CHUNK, remaining), buf, 0);
            int n = r.getBytesRead();
            out.write(buf, 0, n);
            pos += n;
            remaining -= n;
            if (r.isEof() || n == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    @Override
    public int write(String path, long offset, byte[] data) throws IOException {
        return run("WRITE " + path, () -> {
            Nfs3File f = file(path);
            if (!f.exists()) {
                f.create(NfsCreateMode.UNCHECKED, new NfsSetAttributes(), null);
                f = file(path);
            }
            return writeAll(f, path, offset, data);
        });
    }

    @Override
    public int writeExisting(String path, long offset, byte[] data) throws IOException {
        return run("WRITE " + path, () -> writeAll(file(path), path, offset, data));
    }

    private static int writeAll(Nfs3File f, String path, long offset, byte[] data) throws IOException {
        int done = 0;
        while (done < data.length) {
            int n = Math.min(CHUNK, data.length - done);
            // the library appends to the payload list, so it must be mutable
            List<ByteBuffer> payload = new ArrayList<>();
            payload.add(ByteBuffer.wrap(Arrays.copyOfRange(data, done, done + n)));
            NfsWriteResponse r = f.write(offset + done, payload, FILE_SYNC);
            if (r.getCount() <= 0) {
                throw new IOException("WRITE " + path + " wrote nothing at " + (offset + done));
            }
            done += r.getCount();
        }
        return done;
    }

    /** CREATE GUARDED (fails with NFS3ERR_EXIST when it exists). */
    public void create(String path) throws IOException {
        create(path, Nfs3CreateMode.GUARDED, null);
    }

    @Override
    public void create(String path, Nfs3CreateMode mode, Long size) throws IOException {
        run("CREATE " + path, () -> {
            NfsSetAttributes attrs = new NfsSetAttributes();
            if (size != null && mode != Nfs3CreateMode.EXCLUSIVE) {
                attrs.setSize(size);
            }
            NfsCreateMode m =
                    switch (mode) {
                        case UNCHECKED -> NfsCreateMode.UNCHECKED;
                        case GUARDED -> NfsCreateMode.GUARDED;
                        case EXCLUSIVE -> NfsCreateMode.EXCLUSIVE;
                    };
            // EXCLUSIVE: the library draws the verifier (and encodes it with a length word, q4)
            file(path).create(m, attrs, null);
            if (mode == Nfs3CreateMode.EXCLUSIVE && size != null) {
                NfsSetAttributes s = new NfsSetAttributes();
                s.setSize(size);
                file(path).setAttributes(s);
            }
            return null;
        });
    }

    @Override
    public void setSize(String path, long size) throws IOException {
        run("SETATTR " + path, () -> {
            NfsSetAttributes attrs = new NfsSetAttributes();
            attrs.setSize(size);
            file(path).setAttributes(attrs);
            return null;
        });
    }

    @Override
    public void mkdir(String path) throws IOException {
        run("MKDIR " + path, () -> {
            file(path).mkdir();
            return null;
        });
    }

    @Override
    public void rmdir(String path) throws IOException {
        run("RMDIR " + path, () -> {
            file(path).rmdir();
            return null;
        });
    }

    @Override
    public void remove(String path) throws IOException {
        run("REMOVE " + path, () -> {
            file(path).remove();
            return null;
        });
    }

    @Override
    public void rename(String from, String to) throws IOException {
        run("RENAME " + from + " -> " + to, () -> {
            file(from).rename(file(to));
            return null;
        });
    }

    @Override
    public void link(String existing, String newPath) throws IOException {
        run("LINK " + existing + " -> " + newPath, () -> {
            // the library's link(source) makes this file a new name of source
            file(newPath).link(file(existing));
            return null;
        });
    }

    @Override
    public List<String> readdir(String dir) throws IOException {
        return run("READDIR " + dir, () -> file(dir).list());
    }

    /**
     * The NFS status of a failure, or null when it was not an NFS status (e.g. a network error):
     * {@link NfsClient#statusOf}, and also the library's own exceptions for callers that use it
     * directly.
     */
    public static String statusOf(Throwable t) {
        if (t instanceof NfsException e) {
            return Nfs3Status.nameOf(e.getStatus().getValue());
        }
        if (t instanceof FileNotFoundException) {
            return "NFS3ERR_NOENT"; // the library's mapping of NOENT (quirk q10)
        }
        return NfsClient.statusOf(t);
    }

    /** Runs {@code op} under the JUKEBOX retry, with the library's NFS failures as {@link Nfs3StatusException}. */
    private <T> T run(String what, JukeboxRetry.Operation<T> op) throws IOException {
        return retry.run(what, observer, () -> {
            try {
                return op.run();
            } catch (NfsException e) {
                throw new Nfs3StatusException(e.getStatus().getValue(), what, e);
            } catch (FileNotFoundException e) {
                // the library's mapping of NFS3ERR_NOENT (quirk q10)
                throw new Nfs3StatusException(Nfs3Status.NFS3ERR_NOENT.value(), what, e);
            }
        });
    }

    @Override
    public void close() {
        // nfs-client-java keeps one JVM-wide connection per (server, port) and offers no close.
    }
}
