package io.interlock.scenarios.clients.nfs;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsReadResponse;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.nfs.NfsWriteResponse;
import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An NFSv3 client on nfs-client-java 1.1.0 for scenarios: path-based write/read/create/remove/rename
 * with FILE_SYNC writes, unsigned attributes and bounded NFS3ERR_JUKEBOX retry.
 *
 * <p>The library always asks the portmapper on port 111 of the server host (hard-coded), for both
 * MOUNT and NFS; run anything that needs it where port 111 belongs to the server under test
 * (for tests: a private network namespace). Its TCP connection per (server, port) is JVM-wide and
 * shared by every instance.
 */
public final class NfsClientDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NfsClientDriver.class);
    /** stable_how FILE_SYNC (RFC 1813 §3.3.7). */
    private static final int FILE_SYNC = 2;

    private static final int READ_CHUNK = 64 * 1024;

    private final Nfs3 nfs;
    private final JukeboxRetry retry;
    private volatile JukeboxObserver observer = (what, attempt) -> {};

    /** Told of every NFS3ERR_JUKEBOX answer the driver is about to retry (on the calling thread). */
    @FunctionalInterface
    public interface JukeboxObserver {
        /**
         * @param what the operation, e.g. "WRITE f"
         * @param attempt the attempt that was answered JUKEBOX (1 = the first)
         */
        void jukebox(String what, int attempt);
    }

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

    /** Where JUKEBOX retries are reported (the scenario engine records them in the history). */
    public void onJukebox(JukeboxObserver o) {
        this.observer = o == null ? (what, attempt) -> {} : o;
    }

    /** The NFSv3 file handle of {@code path} (LOOKUP), e.g. for NLM requests on that file. */
    public byte[] fileHandle(String path) throws IOException {
        return withRetry("LOOKUP " + path, () -> file(path).getFileHandle());
    }

    private Nfs3File file(String path) throws IOException {
        String p = path.startsWith("/") ? path : "/" + path;
        return new Nfs3File(nfs, p);
    }

    /** Writes {@code data} at {@code offset} (FILE_SYNC), creating the file (UNCHECKED) if missing. */
    public int write(String path, byte[] data, long offset) throws IOException {
        return withRetry("WRITE " + path, () -> {
            Nfs3File f = file(path);
            if (!f.exists()) {
                f.create(NfsCreateMode.UNCHECKED, new NfsSetAttributes(), null);
                f = file(path);
            }
            int done = 0;
            while (done < data.length) {
                int n = Math.min(READ_CHUNK, data.length - done);
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
        });
    }

    /** Reads the whole file. */
    public byte[] read(String path) throws IOException {
        return withRetry("READ " + path, () -> {
            Nfs3File f = file(path);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long pos = 0;
            byte[] buf = new byte[READ_CHUNK];
            while (true) {
                NfsReadResponse r = f.read(pos, READ_CHUNK, buf, 0);
                int n = r.getBytesRead();
                out.write(buf, 0, n);
                pos += n;
                if (r.isEof() || n == 0) {
                    return out.toByteArray();
                }
            }
        });
    }

    /** CREATE GUARDED (fails with NFS3ERR_EXIST when it exists). */
    public void create(String path) throws IOException {
        withRetry("CREATE " + path, () -> {
            file(path).create(NfsCreateMode.GUARDED, new NfsSetAttributes(), null);
            return null;
        });
    }

    /**
     * CREATE in the given mode; {@code size} (may be null) goes into the create attributes, so
     * UNCHECKED with size 0 over an existing file truncates it (RFC 1813 §3.3.8).
     */
    public void create(String path, boolean guarded, Long size) throws IOException {
        withRetry("CREATE " + path, () -> {
            NfsSetAttributes attrs = new NfsSetAttributes();
            if (size != null) {
                attrs.setSize(size);
            }
            file(path).create(guarded ? NfsCreateMode.GUARDED : NfsCreateMode.UNCHECKED, attrs, null);
            return null;
        });
    }

    /** SETATTR of the size only (truncate or extend). */
    public void setSize(String path, long size) throws IOException {
        withRetry("SETATTR " + path, () -> {
            NfsSetAttributes attrs = new NfsSetAttributes();
            attrs.setSize(size);
            file(path).setAttributes(attrs);
            return null;
        });
    }

    public void mkdir(String path) throws IOException {
        withRetry("MKDIR " + path, () -> {
            file(path).mkdir();
            return null;
        });
    }

    public void remove(String path) throws IOException {
        withRetry("REMOVE " + path, () -> {
            file(path).remove();
            return null;
        });
    }

    public void rename(String from, String to) throws IOException {
        withRetry("RENAME " + from + " -> " + to, () -> {
            file(from).rename(file(to));
            return null;
        });
    }

    public NfsAttrs getattr(String path) throws IOException {
        return withRetry("GETATTR " + path, () -> NfsAttrs.of(file(path).getAttributes()));
    }

    public boolean exists(String path) throws IOException {
        return withRetry("LOOKUP " + path, () -> file(path).exists());
    }

    /** The NFS status of a failure, or null when it was not an NFS status (e.g. a network error). */
    public static String statusOf(Throwable t) {
        if (t instanceof NfsException e) {
            return Nfs3Status.nameOf(e.getStatus().getValue());
        }
        if (t instanceof java.io.FileNotFoundException) {
            return "NFS3ERR_NOENT"; // the library's mapping of NOENT (quirk q10)
        }
        return null;
    }

    private interface Op<T> {
        T run() throws IOException;
    }

    private <T> T withRetry(String what, Op<T> op) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return op.run();
            } catch (NfsException e) {
                if (e.getStatus() != NfsStatus.NFS3ERR_JUKEBOX || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                log.debug("{}: NFS3ERR_JUKEBOX, retry {} of {}", what, attempt, retry.maxAttempts() - 1);
                observer.jukebox(what, attempt);
                try {
                    // back-off between protocol retries (not test synchronisation)
                    Thread.sleep(retry.delay().toMillis() * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(what + " interrupted during JUKEBOX back-off");
                }
            }
        }
    }

    @Override
    public void close() {
        // nfs-client-java keeps one JVM-wide connection per (server, port) and offers no close.
    }
}
