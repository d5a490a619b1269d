package io.interlock.server.core.vfs;

/**
 * The storage SPI that both protocol adapters use. One instance backs one share/export.
 *
 * <h2>Names</h2>
 *
 * A name is one path component: 1 to {@value #MAX_NAME_BYTES} bytes of UTF-8, containing neither
 * '/' nor NUL, and not "." or "..". Violations give {@link FsError#INVALID_NAME} or {@link
 * FsError#NAME_TOO_LONG}. Names are case-sensitive and compared as Java strings; protocol adapters
 * that need case-insensitive lookup (SMB) do it themselves over {@link #readDirectory}. {@link
 * #lookup} additionally accepts "." (the directory itself) and ".." (its parent; the root's parent
 * is the root).
 *
 * <h2>Ids</h2>
 *
 * Every object has a {@link FileId}. Ids are never reused. An operation given the id of a removed
 * object fails with {@link FsError#STALE}; an id the store never issued fails with {@link
 * FsError#STALE} too (protocols map undecodable handles themselves). An open file that is
 * removed is gone at once: there is no "silly rename" in the store.
 *
 * <h2>Attributes and times</h2>
 *
 * Data writes and truncation update mtime and ctime; attribute changes update ctime; every change
 * bumps {@link FileAttributes#changeId()}. Creating or removing an entry updates the parent's
 * mtime and ctime. Reads do not update atime (as with {@code noatime}). Times come from the
 * store's injected clock.
 *
 * <h2>Data</h2>
 *
 * Files are sparse byte arrays: a write past EOF zero-fills the gap; reads past EOF return zero
 * bytes with {@code eof=true}. {@code offset + length} above {@link #MAX_FILE_SIZE} fails with
 * {@link FsError#FILE_TOO_LARGE}. {@link #commit} makes earlier writes durable; the in-memory store
 * treats every write as already stable.
 *
 * <h2>Directories</h2>
 *
 * {@link #readDirectory} pages through entries in a stable order. A cookie stays valid while the
 * entry it was issued for exists, and also after that entry is removed (listing continues with the
 * entries that followed it), so concurrent inserts and deletes never cause {@link
 * FsError#BAD_COOKIE} for a cookie the store issued. Cookie 0 starts a listing.
 *
 * <h2>Rename and remove</h2>
 *
 * {@link #rename} is atomic: it replaces an existing target of a compatible kind (file over file,
 * empty directory over directory), fails with {@link FsError#EXISTS}/{@link FsError#NOT_EMPTY}/
 * {@link FsError#IS_DIRECTORY}/{@link FsError#NOT_DIRECTORY} otherwise, does nothing when source
 * and target are the same object, and refuses to move a directory into its own subtree ({@link
 * FsError#INVALID_ARGUMENT}). {@link #remove} never removes directories ({@link
 * FsError#IS_DIRECTORY}); {@link #rmdir} only removes empty directories.
 *
 * <h2>Threads</h2>
 *
 * Implementations are thread-safe; each method is atomic with respect to the others. The lock
 * manager, not the store, orders cross-protocol effects.
 */
public interface VirtualFileSystem {
    /** Longest name in UTF-8 bytes (NFS PATHCONF name_max). */
    int MAX_NAME_BYTES = 255;

    /** Largest file size (NFS FSINFO maxfilesize). */
    long MAX_FILE_SIZE = Long.MAX_VALUE;

    /** The root directory. */
    FileId root();

    /** Attributes of an object. */
    FileAttributes getAttributes(FileId id) throws FsException;

    /** Resolves one name in a directory; accepts "." and "..". */
    FileId lookup(FileId dir, String name) throws FsException;

    /** The directory that holds {@code id} (the root for the root). */
    FileId parentOf(FileId id) throws FsException;

    /** Creates a regular file, or per {@code mode} returns an existing one. */
    FileId createFile(FileId dir, String name, SetAttributes initial, CreateMode mode) throws FsException;

    /** Creates a directory; fails with EXISTS if the name exists. */
    FileId mkdir(FileId dir, String name, SetAttributes initial) throws FsException;

    /** Creates a symbolic link holding {@code target} verbatim. */
    FileId symlink(FileId dir, String name, String target, SetAttributes initial) throws FsException;

    /** Target of a symbolic link; {@link FsError#INVALID_ARGUMENT} for other kinds. */
    String readlink(FileId link) throws FsException;

    /** Adds a hard link to a non-directory. */
    void link(FileId file, FileId dir, String name) throws FsException;

    /** Removes a non-directory entry. */
    void remove(FileId dir, String name) throws FsException;

    /** Removes an empty directory. */
    void rmdir(FileId dir, String name) throws FsException;

    /** Atomically renames, replacing a compatible target. */
    void rename(FileId fromDir, String fromName, FileId toDir, String toName) throws FsException;

    /** Reads up to {@code count} bytes at {@code offset}. */
    ReadResult read(FileId file, long offset, int count) throws FsException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code offset} straight into {@code dst} (a
     * protocol's outgoing buffer, often direct memory), advancing its position by the count read; no
     * intermediate array. Same rules as {@link #read}.
     */
    ReadExtent readInto(FileId file, long offset, java.nio.ByteBuffer dst) throws FsException;

    /**
     * Writes {@code length} bytes of {@code data} from {@code dataOffset} at file offset {@code
     * offset}; returns the attributes after the write.
     */
    FileAttributes write(FileId file, long offset, byte[] data, int dataOffset, int length) throws FsException;

    /**
     * Writes {@code data}'s remaining bytes at file offset {@code offset} (straight from a protocol's
     * incoming buffer, often direct memory), advancing its position to its limit; returns the
     * attributes after the write. Same rules as {@link #write(FileId, long, byte[], int, int)}.
     */
    FileAttributes write(FileId file, long offset, java.nio.ByteBuffer data) throws FsException;

    /** Applies attribute changes atomically and returns the new attributes. */
    FileAttributes setAttributes(FileId id, SetAttributes changes) throws FsException;

    /** Makes earlier writes to {@code file} durable. */
    void commit(FileId file) throws FsException;

    /** Lists up to {@code maxEntries} entries after {@code cookie} (0 = from the start). */
    DirPage readDirectory(FileId dir, long cookie, int maxEntries) throws FsException;

    /** Capacity figures. */
    FsStats stats();

    /**
     * Whether every call returns without waiting for I/O or for another thread beyond a short
     * critical section (an in-memory store). The servers may then run a small request on the thread
     * that decoded it; false (the default) keeps every call on the handler pool.
     */
    default boolean nonBlocking() {
        return false;
    }
}
