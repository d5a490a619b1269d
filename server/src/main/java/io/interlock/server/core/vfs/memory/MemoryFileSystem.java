package io.interlock.server.core.vfs.memory;

import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.DirEntry;
import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.FsStats;
import io.interlock.server.core.vfs.ReadExtent;
import io.interlock.server.core.vfs.ReadResult;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VfsNames;
import io.interlock.server.core.vfs.VirtualFileSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The default store: everything in memory, one read-write lock over the whole tree (jimfs style).
 * Data copies happen under the lock, straight between the protocols' buffers and the pages. A
 * file's content is sparse and off-heap ({@link SparseFile}: direct pages allocated only where
 * written, freed as soon as the file shrinks or goes), so holes cost nothing and the collector
 * never copies file data; the bytes all files hold are bounded by a
 * {@link MemoryBudget} shared with the server's other in-memory stores, and a write past it fails
 * with {@link FsError#NO_SPACE} (NFS3ERR_NOSPC, STATUS_DISK_FULL) instead of exhausting the heap.
 */
public final class MemoryFileSystem implements VirtualFileSystem {
    /** Largest file size this store accepts (sparse: only written bytes cost memory). */
    public static final long MAX_MEMORY_FILE = MAX_FILE_SIZE;

    private final MemoryBudget budget;

    private final Clock clock;
    /** Where file pages come from and go back to (a small recycling pool). */
    private final DirectPages pages = new DirectPages();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Guarded by {@link #lock}. */
    private final Map<Long, Node> nodes = new HashMap<>();
    /** Ids of a store are {@code volume << VOLUME_SHIFT} plus a counter. */
    public static final int VOLUME_SHIFT = 40;

    /** Guarded by {@link #lock}. */
    private long nextId;

    private final FileId root;

    /** A store on volume 0 (tests; a server gives each share its own volume). */
    public MemoryFileSystem(Clock clock) {
        this(clock, 0);
    }

    /** A store on {@code volume} with a budget of its own, of {@link MemoryBudget#defaultCapacity()}. */
    public MemoryFileSystem(Clock clock, int volume) {
        this(clock, volume, MemoryBudget.withDefaultCapacity());
    }

    /**
     * A store whose ids carry {@code volume} in their top bits ({@code volume << VOLUME_SHIFT}), so
     * that stores of different shares never issue equal {@link FileId}s: the lock manager, which
     * all shares share, keys its state by FileId.
     *
     * @param volume 0 to 2^23-1, distinct per store within one server
     * @param budget the bytes of file data this store may hold, shared with the server's other
     *     in-memory stores
     */
    public MemoryFileSystem(Clock clock, int volume, MemoryBudget budget) {
        if (volume < 0 || volume >= 1 << 23) {
            throw new IllegalArgumentException("volume out of range: " + volume);
        }
        this.clock = clock;
        this.budget = budget;
        this.nextId = ((long) volume << VOLUME_SHIFT) + 1;
        Node r = newNode(FileType.DIRECTORY, 0755);
        r.parent = r.id;
        r.nlink = 2;
        root = new FileId(r.id);
    }

    /** One object. All fields guarded by the tree lock. */
    private static final class Node {
        final long id;
        final FileType type;
        int mode;
        int nlink = 1;
        int uid;
        int gid;
        long parent;
        Instant atime;
        Instant mtime;
        Instant ctime;
        Instant birth;
        int dos;
        long changeId;
        // regular file
        final SparseFile data;
        long size;
        // symlink
        String target;
        // directory: name -> entry, plus cookie order
        Map<String, Entry> byName;
        NavigableMap<Long, Entry> byCookie;
        long nextCookie = 1;

        Node(long id, FileType type, DirectPages pages) {
            this.id = id;
            this.type = type;
            this.data = new SparseFile(pages);
            if (type == FileType.DIRECTORY) {
                byName = new HashMap<>();
                byCookie = new TreeMap<>();
            }
        }
    }

    private record Entry(String name, long target, long cookie) {}

    private Node newNode(FileType type, int mode) {
        Node n = new Node(nextId++, type, pages);
        Instant now = clock.instant();
        n.mode = mode & 07777;
        n.atime = now;
        n.mtime = now;
        n.ctime = now;
        n.birth = now;
        nodes.put(n.id, n);
        return n;
    }

    @Override
    public FileId root() {
        return root;
    }

    private Node node(FileId id) throws FsException {
        Node n = nodes.get(id.value());
        if (n == null) {
            throw new FsException(FsError.STALE, "no object " + id);
        }
        return n;
    }

    private Node dir(FileId id) throws FsException {
        Node n = node(id);
        if (n.type != FileType.DIRECTORY) {
            throw new FsException(FsError.NOT_DIRECTORY, id + " is not a directory");
        }
        return n;
    }

    private Node file(FileId id) throws FsException {
        Node n = node(id);
        if (n.type == FileType.DIRECTORY) {
            throw new FsException(FsError.IS_DIRECTORY, id + " is a directory");
        }
        if (n.type != FileType.REGULAR) {
            throw new FsException(FsError.INVALID_ARGUMENT, id + " is not a regular file");
        }
        return n;
    }

    /** Validates a name per the SPI's rules. */
    static void checkName(String name) throws FsException {
        VfsNames.check(name);
    }

    private FileAttributes attrs(Node n) {
        long size;
        long used;
        switch (n.type) {
            case REGULAR -> {
                size = n.size;
                used = n.data.allocated();
            }
            case SYMLINK -> {
                size = n.target.getBytes(StandardCharsets.UTF_8).length;
                used = size;
            }
            default -> {
                size = 4096;
                used = 4096;
            }
        }
        return new FileAttributes(
                new FileId(n.id),
                n.type,
                n.mode,
                n.nlink,
                n.uid,
                n.gid,
                size,
                used,
                n.atime,
                n.mtime,
                n.ctime,
                n.birth,
                n.dos,
                n.changeId);
    }

    private void touchData(Node n) {
        Instant now = clock.instant();
        n.mtime = now;
        n.ctime = now;
        n.changeId++;
    }

    private void touchMeta(Node n) {
        n.ctime = clock.instant();
        n.changeId++;
    }

    @Override
    public FileAttributes getAttributes(FileId id) throws FsException {
        lock.readLock().lock();
        try {
            return attrs(node(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public FileId lookup(FileId dirId, String name) throws FsException {
        lock.readLock().lock();
        try {
            Node d = dir(dirId);
            if (".".equals(name)) {
                return dirId;
            }
            if ("..".equals(name)) {
                return new FileId(d.parent);
            }
            checkName(name);
            Entry e = d.byName.get(name);
            if (e == null) {
                throw new FsException(FsError.NOT_FOUND, "'" + name + "' not found");
            }
            return new FileId(e.target);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public FileId parentOf(FileId id) throws FsException {
        lock.readLock().lock();
        try {
            return new FileId(node(id).parent);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void addEntry(Node d, String name, Node child) {
        Entry e = new Entry(name, child.id, d.nextCookie++);
        d.byName.put(name, e);
        d.byCookie.put(e.cookie, e);
        touchData(d);
    }

    private void removeEntry(Node d, Entry e) {
        d.byName.remove(e.name);
        d.byCookie.remove(e.cookie);
        touchData(d);
    }

    private void apply(Node n, SetAttributes s) throws FsException {
        if (s.size() != null) {
            if (n.type == FileType.DIRECTORY) {
                throw new FsException(FsError.IS_DIRECTORY, "cannot set size of a directory");
            }
            if (n.type != FileType.REGULAR) {
                throw new FsException(FsError.INVALID_ARGUMENT, "cannot set size of a symlink");
            }
            long newSize = s.size();
            if (newSize < 0 || newSize > MAX_FILE_SIZE) {
                throw new FsException(FsError.FILE_TOO_LARGE, "size " + newSize);
            }
            resize(n, newSize);
            touchData(n);
        }
        if (s.mode() != null) {
            n.mode = s.mode() & 07777;
        }
        if (s.uid() != null) {
            n.uid = s.uid();
        }
        if (s.gid() != null) {
            n.gid = s.gid();
        }
        if (s.atime() != null) {
            n.atime = s.atime();
        }
        if (s.mtime() != null) {
            n.mtime = s.mtime();
        }
        if (s.birthTime() != null) {
            n.birth = s.birthTime();
        }
        if (s.dosAttributes() != null) {
            n.dos = s.dosAttributes();
        }
        touchMeta(n);
    }

    private void resize(Node n, long newSize) {
        if (newSize < n.size) {
            // forget the tail so that a later extension reads zeros
            budget.release(n.data.truncate(newSize));
        }
        n.size = newSize;
    }

    @Override
    public FileId createFile(FileId dirId, String name, SetAttributes initial, CreateMode mode) throws FsException {
        checkName(name);
        lock.writeLock().lock();
        try {
            Node d = dir(dirId);
            Entry e = d.byName.get(name);
            if (e != null) {
                if (mode == CreateMode.EXCLUSIVE) {
                    throw new FsException(FsError.EXISTS, "'" + name + "' exists");
                }
                Node existing = nodes.get(e.target);
                if (existing.type == FileType.DIRECTORY) {
                    throw new FsException(FsError.IS_DIRECTORY, "'" + name + "' is a directory");
                }
                return new FileId(existing.id);
            }
            Node n = newNode(FileType.REGULAR, initial.mode() != null ? initial.mode() : 0644);
            n.parent = d.id;
            apply(n, initial);
            addEntry(d, name, n);
            return new FileId(n.id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public FileId mkdir(FileId dirId, String name, SetAttributes initial) throws FsException {
        checkName(name);
        if (initial.size() != null) {
            throw new FsException(FsError.INVALID_ARGUMENT, "size on mkdir");
        }
        lock.writeLock().lock();
        try {
            Node d = dir(dirId);
            if (d.byName.containsKey(name)) {
                throw new FsException(FsError.EXISTS, "'" + name + "' exists");
            }
            Node n = newNode(FileType.DIRECTORY, initial.mode() != null ? initial.mode() : 0755);
            n.parent = d.id;
            n.nlink = 2;
            apply(n, initial);
            addEntry(d, name, n);
            d.nlink++;
            return new FileId(n.id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public FileId symlink(FileId dirId, String name, String target, SetAttributes initial) throws FsException {
        checkName(name);
        if (target == null || target.isEmpty()) {
            throw new FsException(FsError.INVALID_ARGUMENT, "empty symlink target");
        }
        lock.writeLock().lock();
        try {
            Node d = dir(dirId);
            if (d.byName.containsKey(name)) {
                throw new FsException(FsError.EXISTS, "'" + name + "' exists");
            }
            Node n = newNode(FileType.SYMLINK, 0777);
            n.parent = d.id;
            n.target = target;
            apply(n, initial.withSize(null));
            addEntry(d, name, n);
            return new FileId(n.id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String readlink(FileId link) throws FsException {
        lock.readLock().lock();
        try {
            Node n = node(link);
            if (n.type != FileType.SYMLINK) {
                throw new FsException(FsError.INVALID_ARGUMENT, link + " is not a symlink");
            }
            return n.target;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void link(FileId fileId, FileId dirId, String name) throws FsException {
        checkName(name);
        lock.writeLock().lock();
        try {
            Node n = node(fileId);
            if (n.type == FileType.DIRECTORY) {
                throw new FsException(FsError.IS_DIRECTORY, "cannot hard-link a directory");
            }
            Node d = dir(dirId);
            if (d.byName.containsKey(name)) {
                throw new FsException(FsError.EXISTS, "'" + name + "' exists");
            }
            addEntry(d, name, n);
            n.nlink++;
            touchMeta(n);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Entry entry(Node d, String name) throws FsException {
        checkName(name);
        Entry e = d.byName.get(name);
        if (e == null) {
            throw new FsException(FsError.NOT_FOUND, "'" + name + "' not found");
        }
        return e;
    }

    private void unlinkNode(Node n) {
        n.nlink--;
        if (n.nlink <= 0) {
            nodes.remove(n.id);
            budget.release(n.data.free());
        } else {
            touchMeta(n);
        }
    }

    @Override
    public void remove(FileId dirId, String name) throws FsException {
        lock.writeLock().lock();
        try {
            Node d = dir(dirId);
            Entry e = entry(d, name);
            Node n = nodes.get(e.target);
            if (n.type == FileType.DIRECTORY) {
                throw new FsException(FsError.IS_DIRECTORY, "'" + name + "' is a directory");
            }
            removeEntry(d, e);
            unlinkNode(n);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void rmdir(FileId dirId, String name) throws FsException {
        lock.writeLock().lock();
        try {
            Node d = dir(dirId);
            Entry e = entry(d, name);
            Node n = nodes.get(e.target);
            if (n.type != FileType.DIRECTORY) {
                throw new FsException(FsError.NOT_DIRECTORY, "'" + name + "' is not a directory");
            }
            if (!n.byName.isEmpty()) {
                throw new FsException(FsError.NOT_EMPTY, "'" + name + "' is not empty");
            }
            removeEntry(d, e);
            d.nlink--;
            nodes.remove(n.id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void rename(FileId fromDirId, String fromName, FileId toDirId, String toName) throws FsException {
        checkName(toName);
        lock.writeLock().lock();
        try {
            Node from = dir(fromDirId);
            Node to = dir(toDirId);
            Entry src = entry(from, fromName);
            Node moving = nodes.get(src.target);
            Entry dst = to.byName.get(toName);
            if (dst != null && dst.target == src.target) {
                return; // same object (also hard links to it): no change
            }
            if (moving.type == FileType.DIRECTORY) {
                // refuse to move a directory into itself or its subtree
                for (Node p = to; ; p = nodes.get(p.parent)) {
                    if (p.id == moving.id) {
                        throw new FsException(FsError.INVALID_ARGUMENT, "directory into its own subtree");
                    }
                    if (p.parent == p.id) {
                        break;
                    }
                }
            }
            if (dst != null) {
                Node victim = nodes.get(dst.target);
                if (victim.type == FileType.DIRECTORY) {
                    if (moving.type != FileType.DIRECTORY) {
                        throw new FsException(FsError.IS_DIRECTORY, "target '" + toName + "' is a directory");
                    }
                    if (!victim.byName.isEmpty()) {
                        throw new FsException(FsError.NOT_EMPTY, "target '" + toName + "' is not empty");
                    }
                    removeEntry(to, dst);
                    to.nlink--;
                    nodes.remove(victim.id);
                } else {
                    if (moving.type == FileType.DIRECTORY) {
                        throw new FsException(FsError.NOT_DIRECTORY, "target '" + toName + "' is not a directory");
                    }
                    removeEntry(to, dst);
                    unlinkNode(victim);
                }
            }
            removeEntry(from, src);
            addEntry(to, toName, moving);
            if (moving.type == FileType.DIRECTORY && from != to) {
                from.nlink--;
                to.nlink++;
            }
            moving.parent = to.id;
            touchMeta(moving);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public ReadResult read(FileId fileId, long offset, int count) throws FsException {
        if (count < 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "negative offset or count");
        }
        lock.readLock().lock();
        try {
            Node n = file(fileId);
            if (offset < 0) {
                throw new FsException(FsError.INVALID_ARGUMENT, "negative offset or count");
            }
            int len = offset >= n.size ? 0 : (int) Math.min(count, n.size - offset);
            ByteBuffer out = ByteBuffer.allocate(len);
            ReadExtent r = readLocked(n, offset, out);
            return new ReadResult(out.array(), r.eof());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public ReadExtent readInto(FileId fileId, long offset, ByteBuffer dst) throws FsException {
        if (offset < 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "negative offset or count");
        }
        lock.readLock().lock();
        try {
            return readLocked(file(fileId), offset, dst);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Caller holds the read lock. */
    private static ReadExtent readLocked(Node n, long offset, ByteBuffer dst) {
        if (offset >= n.size) {
            return new ReadExtent(0, true);
        }
        int len = (int) Math.min(dst.remaining(), n.size - offset);
        int at = dst.position();
        n.data.read(offset, dst.duplicate().limit(at + len));
        dst.position(at + len);
        return new ReadExtent(len, offset + len >= n.size);
    }

    @Override
    public FileAttributes write(FileId fileId, long offset, byte[] data, int dataOffset, int length)
            throws FsException {
        if (offset < 0 || length < 0 || dataOffset < 0 || dataOffset + length > data.length) {
            throw new FsException(FsError.INVALID_ARGUMENT, "bad offset or length");
        }
        return write(fileId, offset, ByteBuffer.wrap(data, dataOffset, length));
    }

    @Override
    public FileAttributes write(FileId fileId, long offset, ByteBuffer data) throws FsException {
        int length = data.remaining();
        if (offset < 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "bad offset or length");
        }
        if (offset > MAX_FILE_SIZE - length) {
            throw new FsException(FsError.FILE_TOO_LARGE, "offset+length overflows");
        }
        lock.writeLock().lock();
        try {
            Node n = file(fileId);
            long end = offset + length;
            long growth = n.data.growthFor(offset, length);
            if (!budget.tryReserve(growth)) {
                throw new FsException(
                        FsError.NO_SPACE,
                        "in-memory store full: " + growth + " more bytes would pass the capacity of "
                                + budget.capacity());
            }
            n.data.write(offset, data);
            data.position(data.limit());
            if (end > n.size) {
                n.size = end;
            }
            touchData(n);
            return attrs(n);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public FileAttributes setAttributes(FileId id, SetAttributes changes) throws FsException {
        lock.writeLock().lock();
        try {
            Node n = node(id);
            apply(n, changes);
            return attrs(n);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void commit(FileId fileId) throws FsException {
        lock.readLock().lock();
        try {
            node(fileId);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public DirPage readDirectory(FileId dirId, long cookie, int maxEntries) throws FsException {
        if (maxEntries <= 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "maxEntries must be positive");
        }
        lock.readLock().lock();
        try {
            Node d = dir(dirId);
            if (cookie < 0 || cookie >= d.nextCookie) {
                throw new FsException(FsError.BAD_COOKIE, "cookie " + cookie + " was never issued");
            }
            List<DirEntry> out = new ArrayList<>();
            var tail = d.byCookie.tailMap(cookie, false);
            for (Entry e : tail.values()) {
                if (out.size() == maxEntries) {
                    return new DirPage(out, false, d.id);
                }
                out.add(new DirEntry(e.name, new FileId(e.target), e.cookie, attrs(nodes.get(e.target))));
            }
            return new DirPage(out, true, d.id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Everything is in memory: no call waits for I/O. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public FsStats stats() {
        lock.readLock().lock();
        try {
            long cap = budget.capacity();
            return new FsStats(cap, Math.max(0, cap - budget.used()), 1L << 32, (1L << 32) - nodes.size());
        } finally {
            lock.readLock().unlock();
        }
    }
}
