package io.interlock.scenarios.clients.nfs;

import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import java.io.IOException;
import java.util.List;

/**
 * What the scenario engine does over NFSv3 (RFC 1813), by path relative to the export root ("f",
 * "dir/f"; "" or "/" is the root). Each method is one client-level operation: it looks the path up
 * component by component (LOOKUP, no handle cache, so it sees renames made by other protocols) and
 * then calls the procedure.
 *
 * <p>Failures: an NFS status other than NFS3_OK is a {@link Nfs3StatusException} carrying the
 * nfsstat3 name ({@link #statusOf}); an operation answered NFS3ERR_JUKEBOX is retried whole within
 * the client's {@link JukeboxRetry} bound, each retry told to the {@link JukeboxObserver}; anything
 * else (network, timeout, a reply that does not decode) is another {@link IOException}.
 *
 * <p>Implementations: {@link RpcNfsClient} (our own, explicit MOUNT and NFS ports, one connection
 * per client) and {@link NfsClientDriver} (nfs-client-java, through the portmapper on port 111).
 * The engine never branches on which one it holds.
 */
public interface NfsClient extends AutoCloseable {

    /** Told of every NFS3ERR_JUKEBOX answer the client is about to retry (on the calling thread). */
    @FunctionalInterface
    interface JukeboxObserver {
        JukeboxObserver NONE = (what, attempt) -> {};

        /**
         * @param what the operation, e.g. "WRITE f"
         * @param attempt the attempt that was answered JUKEBOX (1 = the first)
         */
        void jukebox(String what, int attempt);
    }

    /** Where JUKEBOX retries are reported (the scenario engine records them in the history). */
    void onJukebox(JukeboxObserver observer);

    /** The NFSv3 file handle of {@code path} (LOOKUP), e.g. for NLM requests on that file. */
    byte[] fileHandle(String path) throws IOException;

    /** GETATTR. */
    NfsAttrs getattr(String path) throws IOException;

    /** Whether {@code path} exists (LOOKUP; NFS3ERR_NOENT is false, other failures throw). */
    default boolean exists(String path) throws IOException {
        try {
            fileHandle(path);
            return true;
        } catch (Nfs3StatusException e) {
            if (e.status() == Nfs3Status.NFS3ERR_NOENT.value()) {
                return false;
            }
            throw e;
        }
    }

    /** The whole file (READ from offset 0 until eof). */
    byte[] read(String path) throws IOException;

    /** Up to {@code count} bytes from {@code offset}; fewer only at the end of the file. */
    byte[] read(String path, long offset, int count) throws IOException;

    /**
     * Writes {@code data} at {@code offset} with FILE_SYNC, creating the file (CREATE UNCHECKED, no
     * attributes) if it does not exist; returns the bytes written.
     */
    int write(String path, long offset, byte[] data) throws IOException;

    /** Like {@link #write} but never creates: a missing file is NFS3ERR_NOENT. */
    int writeExisting(String path, long offset, byte[] data) throws IOException;

    /**
     * CREATE in {@code mode}; {@code size} (may be null) goes into the create attributes, so
     * UNCHECKED with size 0 over an existing file truncates it (RFC 1813 §3.3.8). EXCLUSIVE carries
     * a verifier instead of attributes; a size is then set by a SETATTR that follows.
     */
    void create(String path, Nfs3CreateMode mode, Long size) throws IOException;

    /** SETATTR of the size only (truncate or extend). */
    void setSize(String path, long size) throws IOException;

    /** REMOVE. */
    void remove(String path) throws IOException;

    /** RENAME. */
    void rename(String from, String to) throws IOException;

    /** MKDIR (no attributes: the server's default mode). */
    void mkdir(String path) throws IOException;

    /** RMDIR. */
    void rmdir(String path) throws IOException;

    /** LINK: a new name {@code newPath} for the existing file {@code existing}. */
    void link(String existing, String newPath) throws IOException;

    /** The names in directory {@code dir} (READDIR until eof), without "." and "..". */
    List<String> readdir(String dir) throws IOException;

    /** Closes the client's connections; never throws. */
    @Override
    void close();

    /**
     * The NFS status name of a failure (e.g. {@code NFS3ERR_NOENT}), or null when it was not an NFS
     * status (a network error, a timeout).
     */
    static String statusOf(Throwable t) {
        return t instanceof Nfs3StatusException e ? e.statusName() : null;
    }
}
