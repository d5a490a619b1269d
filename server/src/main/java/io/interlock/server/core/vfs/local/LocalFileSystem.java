package io.interlock.server.core.vfs.local;

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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A store over a host directory (java.nio, Linux/Unix only: it needs the "unix" attribute view).
 *
 * <h2>Ids</h2>
 *
 * A {@link FileId} is built from the object's inode number and a <em>generation</em>: a random
 * 24-bit number stored with the object in the extended attribute {@code user.interlock.gen} the
 * first time the store sees it (java.nio cannot read the kernel's i_generation; Samba keeps its
 * DOS attributes the same way). Ids with a generation have the top bit set: {@code 1 << 63 |
 * generation << 39 | inode}. Handles stay valid across restarts for objects that still exist, and
 * when the host reuses the inode of a removed object the new object has another generation, so a
 * handle to the old one is STALE and never reaches the new one (issue 10, defect 3), within a run
 * and after a restart alike. The id → path map is kept in memory and rebuilt at start by walking
 * the tree (hard links: every path is remembered).
 *
 * <p>Where no generation can be stored (symlinks, which Linux gives no user attributes; file
 * systems without user xattrs; inode numbers of 2^39 or more) the id is the inode number as
 * before: within one run a reused inode gets a fresh synthetic id (≥ 2^62), but after a restart
 * such an object is known by its inode again.
 *
 * <h2>Confinement</h2>
 *
 * Every path is built from a known directory plus one validated name, and every host call uses
 * {@link LinkOption#NOFOLLOW_LINKS} (O_NOFOLLOW for opens), so '..' and symlinks never lead out of
 * the root: a symlink is an object of type SYMLINK, never followed. A directory replaced on the
 * host by a symlink is caught twice: its id no longer matches the inode at its path (STALE), and
 * the real path of a directory must lie under the root's real path.
 *
 * <h2>Differences from the contract, inherent to a host store</h2>
 *
 * <ul>
 *   <li>ctime and atime are the host's: ctime cannot be set from user space, and reads may update
 *       atime per the mount's atime policy. mtime, including the parent's on create/remove/rename,
 *       is set from the injected clock.
 *   <li>changeId is max(host ctime in ns, last value + 1 for every change made through the store);
 *       it increases on every change made through the store and on host changes that move ctime.
 *   <li>Only the permission bits 0777 are applied (setuid/setgid/sticky are ignored); uid/gid
 *       changes need the host privilege and otherwise fail with ACCESS_DENIED; DOS attribute bits
 *       are kept in memory only.
 *   <li>Symlink targets go through {@link Path} and are normalised by it (e.g. "a//b" → "a/b").
 *   <li>Directory cookies are assigned in memory; the cookie verifier changes with each instance,
 *       so cookies from before a restart are refused (BAD_COOKIE) rather than misread.
 * </ul>
 *
 * <p>Threads: one monitor guards the maps and orders all operations (each method is atomic with
 * respect to the others made through this store).
 */
public final class LocalFileSystem implements VirtualFileSystem {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final long SYNTHETIC_BASE = 1L << 62;
    /** The user xattr that holds an object's generation ({@code user.} is implied by java.nio). */
    private static final String GENERATION_XATTR = "interlock.gen";

    private static final int GENERATION_BITS = 24;
    private static final int INODE_BITS = 39;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path root;
    private final Path rootReal;
    private final Clock clock;
    private final long bootVerifier;

    /** Guarded by this. Live objects by id. */
    private final Map<Long, Node> nodes = new HashMap<>();
    /** Guarded by this. Live inode → id. */
    private final Map<Long, Long> idOfInode = new HashMap<>();
    /** Guarded by this. Inodes whose object was removed during this run. */
    private final Set<Long> retiredInodes = new HashSet<>();
    /** Guarded by this. */
    private long nextSynthetic = SYNTHETIC_BASE;

    private final FileId rootId;

    /** One known object. Guarded by the store's monitor. */
    private static final class Node {
        final long id;
        final long ino;
        /** The generation stored with the object, 0 when none could be. */
        final long gen;
        /** Paths relative to the root; the root itself has the empty path. */
        final Set<Path> paths = new LinkedHashSet<>();

        long changeId;
        int dos;
        // directories: stable cookies
        final Map<String, Long> cookieOf = new HashMap<>();
        final NavigableMap<Long, String> byCookie = new TreeMap<>();
        long nextCookie = 1;

        Node(long id, long ino, long gen) {
            this.id = id;
            this.ino = ino;
            this.gen = gen;
        }

        Path path() {
            return paths.iterator().next();
        }
    }

    /**
     * Opens a store over {@code directory}, which must exist, and indexes its tree.
     *
     * @throws IOException if the directory cannot be read or the host has no "unix" attribute view
     */
    public LocalFileSystem(Path directory, Clock clock) throws IOException {
        this.root = directory.toAbsolutePath().normalize();
        this.rootReal = root.toRealPath();
        this.clock = clock;
        this.bootVerifier = System.nanoTime() ^ clock.millis();
        if (!Files.isDirectory(rootReal)) {
            throw new IOException("not a directory: " + directory);
        }
        Node r = register(Path.of(""), (Long) Files.getAttribute(root, "unix:ino", NOFOLLOW));
        rootId = new FileId(r.id);
        index();
    }

    /** Walks the tree once at start so that every existing object's id resolves. */
    private void index() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                visit(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                visit(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private synchronized void visit(Path abs) throws IOException {
        if (!abs.equals(root)) {
            register(root.relativize(abs), (Long) Files.getAttribute(abs, "unix:ino", NOFOLLOW));
        }
    }

    /** Caller holds this. The node of an inode seen at {@code rel}, created on first sight. */
    private Node register(Path rel, long ino) {
        long gen = generation(abs(rel), true);
        Long id = idOfInode.get(ino);
        Node n = id == null ? null : nodes.get(id);
        if (n != null && n.gen != gen) {
            // the same inode number, another object: the host replaced it behind our back
            nodes.remove(n.id);
            idOfInode.remove(ino);
            retiredInodes.add(ino);
            n = null;
        }
        if (n == null) {
            long newId;
            long withGen = gen != 0 && ino > 0 && ino < 1L << INODE_BITS ? Long.MIN_VALUE | gen << INODE_BITS | ino : 0;
            if (withGen != 0 && !nodes.containsKey(withGen)) {
                newId = withGen;
            } else if (retiredInodes.remove(ino) || nodes.containsKey(ino) || ino <= 0 || ino >= SYNTHETIC_BASE) {
                newId = nextSynthetic++; // the host reused an inode this run: never reuse the id
            } else {
                newId = ino;
            }
            n = new Node(newId, ino, gen);
            nodes.put(newId, n);
            idOfInode.put(ino, newId);
        }
        n.paths.add(rel);
        return n;
    }

    /** Caller holds this. Forgets one path of a node; retires the node with its last path. */
    private void forgetPath(Node n, Path rel) {
        n.paths.remove(rel);
        if (n.paths.isEmpty()) {
            nodes.remove(n.id);
            idOfInode.remove(n.ino);
            retiredInodes.add(n.ino);
        }
    }

    @Override
    public FileId root() {
        return rootId;
    }

    // ------------------------------------------------------------------------------------------
    // Resolution

    private Path abs(Path rel) {
        return rel.toString().isEmpty() ? root : root.resolve(rel);
    }

    /** Caller holds this. The live node of an id, checked against the host. */
    private Node node(FileId id) throws FsException {
        Node n = nodes.get(id.value());
        if (n == null) {
            throw new FsException(FsError.STALE, "no object " + id);
        }
        for (Path p : List.copyOf(n.paths)) {
            Long ino = inoOf(abs(p));
            if (ino != null && ino == n.ino && (n.gen == 0 || generation(abs(p), false) == n.gen)) {
                if (!p.equals(n.path())) { // make a live path the first one
                    n.paths.remove(p);
                    Set<Path> rest = new LinkedHashSet<>(n.paths);
                    n.paths.clear();
                    n.paths.add(p);
                    n.paths.addAll(rest);
                }
                return n;
            }
            forgetPath(n, p);
        }
        throw new FsException(FsError.STALE, id + " is gone");
    }

    /**
     * The generation stored with the object at {@code abs}; with {@code assign}, a new random one is
     * stored first when it has none. 0 when none can be read or stored (symlinks, file systems
     * without user xattrs).
     */
    private static long generation(Path abs, boolean assign) {
        UserDefinedFileAttributeView view;
        try {
            view = Files.getFileAttributeView(abs, UserDefinedFileAttributeView.class, NOFOLLOW);
        } catch (RuntimeException e) {
            return 0;
        }
        if (view == null) {
            return 0;
        }
        try {
            ByteBuffer b = ByteBuffer.allocate(8);
            if (view.read(GENERATION_XATTR, b) == 8) {
                long g = b.flip().getLong();
                if (g > 0 && g < 1L << GENERATION_BITS) {
                    return g;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no generation yet (ENODATA), or none possible
        }
        if (!assign) {
            return 0;
        }
        long g = 1 + RANDOM.nextInt((1 << GENERATION_BITS) - 1);
        try {
            view.write(GENERATION_XATTR, ByteBuffer.allocate(8).putLong(g).flip());
            return g;
        } catch (IOException | RuntimeException e) {
            return 0; // symlink (no user xattrs on Linux), read-only file, or no xattr support
        }
    }

    private static Long inoOf(Path abs) {
        try {
            return (Long) Files.getAttribute(abs, "unix:ino", NOFOLLOW);
        } catch (IOException e) {
            return null;
        }
    }

    /** Caller holds this. A directory node, its real path verified to be inside the root. */
    private Node dir(FileId id) throws FsException {
        Node n = node(id);
        Path a = abs(n.path());
        if (!Files.isDirectory(a, NOFOLLOW)) {
            throw new FsException(FsError.NOT_DIRECTORY, id + " is not a directory");
        }
        try {
            if (!a.toRealPath().startsWith(rootReal)) {
                throw new FsException(FsError.ACCESS_DENIED, id + " resolves outside the share");
            }
        } catch (IOException e) {
            throw io(e, id.toString());
        }
        return n;
    }

    private FileType typeOf(Path a) throws FsException {
        if (Files.isSymbolicLink(a)) {
            return FileType.SYMLINK;
        }
        if (Files.isDirectory(a, NOFOLLOW)) {
            return FileType.DIRECTORY;
        }
        if (Files.isRegularFile(a, NOFOLLOW)) {
            return FileType.REGULAR;
        }
        if (!Files.exists(a, NOFOLLOW)) {
            throw new FsException(FsError.NOT_FOUND, a.getFileName() + " not found");
        }
        throw new FsException(FsError.NOT_SUPPORTED, "special file " + a.getFileName());
    }

    /** Caller holds this. A regular file node. */
    private Node file(FileId id) throws FsException {
        Node n = node(id);
        FileType t = typeOf(abs(n.path()));
        if (t == FileType.DIRECTORY) {
            throw new FsException(FsError.IS_DIRECTORY, id + " is a directory");
        }
        if (t != FileType.REGULAR) {
            throw new FsException(FsError.INVALID_ARGUMENT, id + " is not a regular file");
        }
        return n;
    }

    private static FsException io(IOException e, String what) {
        if (e instanceof NoSuchFileException) {
            return new FsException(FsError.NOT_FOUND, what + " not found");
        }
        if (e instanceof FileAlreadyExistsException) {
            return new FsException(FsError.EXISTS, what + " exists");
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new FsException(FsError.NOT_EMPTY, what + " not empty");
        }
        if (e instanceof NotDirectoryException) {
            return new FsException(FsError.NOT_DIRECTORY, what + " is not a directory");
        }
        if (e instanceof AccessDeniedException) {
            return new FsException(FsError.ACCESS_DENIED, what + ": access denied");
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("File too large")) {
            return new FsException(FsError.FILE_TOO_LARGE, what + ": file too large");
        }
        if (m.contains("No space left")) {
            return new FsException(FsError.NO_SPACE, what + ": no space");
        }
        return new FsException(FsError.IO, what + ": " + e);
    }

    // ------------------------------------------------------------------------------------------
    // Attributes

    private FileAttributes attrs(Node n) throws FsException {
        Path a = abs(n.path());
        try {
            Map<String, Object> u = Files.readAttributes(a, "unix:*", NOFOLLOW);
            FileType type = typeOf(a);
            long ctimeNanos = toNanos((FileTime) u.get("ctime"));
            n.changeId = Math.max(n.changeId, ctimeNanos);
            int nlink = type == FileType.DIRECTORY ? 2 + countSubdirectories(a) : (Integer) u.get("nlink");
            long size = (Long) u.get("size");
            if (type == FileType.SYMLINK) {
                size = Files.readSymbolicLink(a).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            return new FileAttributes(
                    new FileId(n.id),
                    type,
                    (Integer) u.get("mode") & 07777,
                    nlink,
                    (Integer) u.get("uid"),
                    (Integer) u.get("gid"),
                    size,
                    size,
                    ((FileTime) u.get("lastAccessTime")).toInstant(),
                    ((FileTime) u.get("lastModifiedTime")).toInstant(),
                    ((FileTime) u.get("ctime")).toInstant(),
                    ((FileTime) u.get("creationTime")).toInstant(),
                    n.dos,
                    n.changeId);
        } catch (IOException e) {
            throw io(e, a.getFileName() == null ? "/" : a.getFileName().toString());
        }
    }

    private static long toNanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static boolean isEmptyDirectory(Path a) throws FsException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(a)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw io(e, String.valueOf(a.getFileName()));
        }
    }

    private static int countSubdirectories(Path a) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(a)) {
            for (Path p : s) {
                if (Files.isDirectory(p, NOFOLLOW)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Caller holds this. Records a change made through the store. */
    private void changed(Node n) {
        long ctime = 0;
        try {
            ctime = toNanos((FileTime) Files.getAttribute(abs(n.path()), "unix:ctime", NOFOLLOW));
        } catch (IOException | RuntimeException e) {
            // keep the counter moving even if the host cannot tell
        }
        n.changeId = Math.max(n.changeId + 1, ctime);
    }

    /** Caller holds this. Sets mtime from the injected clock and records a data change. */
    private void touchData(Node n) throws IOException {
        Files.setLastModifiedTime(abs(n.path()), FileTime.from(clock.instant()));
        changed(n);
    }

    @Override
    public synchronized FileAttributes getAttributes(FileId id) throws FsException {
        return attrs(node(id));
    }

    // ------------------------------------------------------------------------------------------
    // Names

    @Override
    public synchronized FileId lookup(FileId dirId, String name) throws FsException {
        Node d = dir(dirId);
        if (".".equals(name)) {
            return dirId;
        }
        if ("..".equals(name)) {
            return parentOf(dirId);
        }
        return new FileId(child(d, name).id);
    }

    /** Caller holds this. The node for an existing entry. */
    private Node child(Node d, String name) throws FsException {
        VfsNames.check(name);
        Path rel = d.path().resolve(name);
        Long ino = inoOf(abs(rel));
        if (ino == null) {
            throw new FsException(FsError.NOT_FOUND, "'" + name + "' not found");
        }
        cookie(d, name);
        return register(rel, ino);
    }

    @Override
    public synchronized FileId parentOf(FileId id) throws FsException {
        Node n = node(id);
        Path p = n.path().getParent();
        if (n.id == rootId.value() || p == null) {
            return rootId;
        }
        Long ino = inoOf(abs(p));
        if (ino == null) {
            throw new FsException(FsError.STALE, "parent of " + id + " is gone");
        }
        return new FileId(register(p, ino).id);
    }

    /** Caller holds this. The cookie of an entry, assigned on first sight. */
    private static long cookie(Node d, String name) {
        Long c = d.cookieOf.get(name);
        if (c == null) {
            c = d.nextCookie++;
            d.cookieOf.put(name, c);
            d.byCookie.put(c, name);
        }
        return c;
    }

    private static void dropCookie(Node d, String name) {
        Long c = d.cookieOf.remove(name);
        if (c != null) {
            d.byCookie.remove(c);
        }
    }

    /** Caller holds this. Creates an entry through {@code maker} and registers it. */
    private Node create(Node d, String name, HostCall maker) throws FsException {
        VfsNames.check(name);
        Path rel = d.path().resolve(name);
        Path a = abs(rel);
        try {
            maker.run(a);
            Node n = register(rel, (Long) Files.getAttribute(a, "unix:ino", NOFOLLOW));
            cookie(d, name);
            if (!Files.isSymbolicLink(a)) { // a new object's times come from the injected clock too
                FileTime now = FileTime.from(clock.instant());
                Files.getFileAttributeView(a, BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(now, now, null);
            }
            changed(n);
            touchData(d);
            return n;
        } catch (IOException e) {
            throw io(e, "'" + name + "'");
        }
    }

    @FunctionalInterface
    private interface HostCall {
        void run(Path abs) throws IOException;
    }

    @Override
    public synchronized FileId createFile(FileId dirId, String name, SetAttributes initial, CreateMode mode)
            throws FsException {
        VfsNames.check(name);
        Node d = dir(dirId);
        Path a = abs(d.path().resolve(name));
        if (Files.exists(a, NOFOLLOW)) {
            if (mode == CreateMode.EXCLUSIVE) {
                throw new FsException(FsError.EXISTS, "'" + name + "' exists");
            }
            if (Files.isDirectory(a, NOFOLLOW)) {
                throw new FsException(FsError.IS_DIRECTORY, "'" + name + "' is a directory");
            }
            return new FileId(child(d, name).id);
        }
        Node n = create(d, name, p -> Files.newByteChannel(
                        p,
                        Set.<OpenOption>of(
                                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
                .close());
        applyInitial(n, initial, 0644);
        return new FileId(n.id);
    }

    @Override
    public synchronized FileId mkdir(FileId dirId, String name, SetAttributes initial) throws FsException {
        VfsNames.check(name);
        if (initial.size() != null) {
            throw new FsException(FsError.INVALID_ARGUMENT, "size on mkdir");
        }
        Node d = dir(dirId);
        Node n = create(d, name, Files::createDirectory);
        applyInitial(n, initial, 0755);
        return new FileId(n.id);
    }

    @Override
    public synchronized FileId symlink(FileId dirId, String name, String target, SetAttributes initial)
            throws FsException {
        VfsNames.check(name);
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "bad symlink target");
        }
        Node d = dir(dirId);
        // the target is stored verbatim and never followed by this store
        Node n = create(d, name, p -> Files.createSymbolicLink(p, Path.of(target)));
        return new FileId(n.id);
    }

    private void applyInitial(Node n, SetAttributes initial, int defaultMode) throws FsException {
        SetAttributes s = initial.mode() == null
                ? new SetAttributes(
                        defaultMode,
                        initial.uid(),
                        initial.gid(),
                        initial.size(),
                        initial.atime(),
                        initial.mtime(),
                        initial.birthTime(),
                        initial.dosAttributes())
                : initial;
        apply(n, s);
    }

    @Override
    public synchronized String readlink(FileId link) throws FsException {
        Node n = node(link);
        Path a = abs(n.path());
        if (!Files.isSymbolicLink(a)) {
            throw new FsException(FsError.INVALID_ARGUMENT, link + " is not a symlink");
        }
        try {
            return Files.readSymbolicLink(a).toString();
        } catch (IOException e) {
            throw io(e, link.toString());
        }
    }

    @Override
    public synchronized void link(FileId fileId, FileId dirId, String name) throws FsException {
        VfsNames.check(name);
        Node n = node(fileId);
        Path existing = abs(n.path());
        if (Files.isDirectory(existing, NOFOLLOW)) {
            throw new FsException(FsError.IS_DIRECTORY, "cannot hard-link a directory");
        }
        Node d = dir(dirId);
        create(d, name, p -> Files.createLink(p, existing));
        changed(n);
    }

    @Override
    public synchronized void remove(FileId dirId, String name) throws FsException {
        Node d = dir(dirId);
        Node n = child(d, name);
        Path rel = d.path().resolve(name);
        Path a = abs(rel);
        if (Files.isDirectory(a, NOFOLLOW)) {
            throw new FsException(FsError.IS_DIRECTORY, "'" + name + "' is a directory");
        }
        try {
            Files.delete(a);
            dropCookie(d, name);
            forgetPath(n, rel);
            if (!n.paths.isEmpty()) {
                changed(n);
            }
            touchData(d);
        } catch (IOException e) {
            throw io(e, "'" + name + "'");
        }
    }

    @Override
    public synchronized void rmdir(FileId dirId, String name) throws FsException {
        Node d = dir(dirId);
        Node n = child(d, name);
        Path rel = d.path().resolve(name);
        Path a = abs(rel);
        if (!Files.isDirectory(a, NOFOLLOW)) {
            throw new FsException(FsError.NOT_DIRECTORY, "'" + name + "' is not a directory");
        }
        try {
            Files.delete(a);
            dropCookie(d, name);
            forgetPath(n, rel);
            touchData(d);
        } catch (IOException e) {
            throw io(e, "'" + name + "'");
        }
    }

    @Override
    public synchronized void rename(FileId fromDirId, String fromName, FileId toDirId, String toName)
            throws FsException {
        VfsNames.check(toName);
        Node from = dir(fromDirId);
        Node to = dir(toDirId);
        Node moving = child(from, fromName);
        Path srcRel = from.path().resolve(fromName);
        Path dstRel = to.path().resolve(toName);
        Path src = abs(srcRel);
        Path dst = abs(dstRel);
        boolean movingDir = Files.isDirectory(src, NOFOLLOW);
        Node victim = null;
        if (Files.exists(dst, NOFOLLOW)) {
            victim = child(to, toName);
            if (victim == moving) {
                return; // same object (also hard links to it): no change
            }
        }
        if (movingDir && (to.path().startsWith(srcRel) && !srcRel.toString().isEmpty())) {
            throw new FsException(FsError.INVALID_ARGUMENT, "directory into its own subtree");
        }
        if (victim != null) {
            boolean victimDir = Files.isDirectory(dst, NOFOLLOW);
            if (victimDir && !movingDir) {
                throw new FsException(FsError.IS_DIRECTORY, "target '" + toName + "' is a directory");
            }
            if (!victimDir && movingDir) {
                throw new FsException(FsError.NOT_DIRECTORY, "target '" + toName + "' is not a directory");
            }
            if (victimDir && !isEmptyDirectory(dst)) {
                throw new FsException(FsError.NOT_EMPTY, "target '" + toName + "' is not empty");
            }
        }
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces the target
        } catch (IOException e) {
            throw io(e, "'" + toName + "'");
        }
        if (victim != null) {
            forgetPath(victim, dstRel);
        }
        dropCookie(from, fromName);
        dropCookie(to, toName);
        cookie(to, toName);
        // rewrite the moved object's path and, for a directory, every path below it
        for (Node n : List.copyOf(nodes.values())) {
            List<Path> rewritten = new ArrayList<>();
            for (var it = n.paths.iterator(); it.hasNext(); ) {
                Path p = it.next();
                if (p.equals(srcRel) || (movingDir && p.startsWith(srcRel))) {
                    it.remove();
                    rewritten.add(dstRel.resolve(srcRel.relativize(p)));
                }
            }
            n.paths.addAll(rewritten);
        }
        try {
            touchData(from);
            if (to != from) {
                touchData(to);
            }
        } catch (IOException e) {
            throw io(e, "rename");
        }
        changed(moving);
    }

    // ------------------------------------------------------------------------------------------
    // Data

    @Override
    public synchronized ReadResult read(FileId fileId, long offset, int count) throws FsException {
        if (offset < 0 || count < 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "negative offset or count");
        }
        Node n = file(fileId);
        try (FileChannel ch = FileChannel.open(abs(n.path()), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (offset >= size) {
                return new ReadResult(new byte[0], true);
            }
            int len = (int) Math.min(count, size - offset);
            ByteBuffer buf = ByteBuffer.allocate(len);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return new ReadResult(out, offset + out.length >= size);
        } catch (IOException e) {
            throw io(e, fileId.toString());
        }
    }

    @Override
    public synchronized ReadExtent readInto(FileId fileId, long offset, ByteBuffer dst) throws FsException {
        if (offset < 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "negative offset or count");
        }
        Node n = file(fileId);
        try (FileChannel ch = FileChannel.open(abs(n.path()), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (offset >= size) {
                return new ReadExtent(0, true);
            }
            int len = (int) Math.min(dst.remaining(), size - offset);
            ByteBuffer window = dst.duplicate().limit(dst.position() + len);
            while (window.hasRemaining()) {
                if (ch.read(window, offset + window.position() - dst.position()) < 0) {
                    break;
                }
            }
            int n0 = window.position() - dst.position();
            dst.position(window.position());
            return new ReadExtent(n0, offset + n0 >= size);
        } catch (IOException e) {
            throw io(e, fileId.toString());
        }
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
    public synchronized FileAttributes write(FileId fileId, long offset, ByteBuffer buf) throws FsException {
        int length = buf.remaining();
        if (offset < 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "bad offset or length");
        }
        if (offset > MAX_FILE_SIZE - length) {
            throw new FsException(FsError.FILE_TOO_LARGE, "offset+length overflows");
        }
        Node n = file(fileId);
        Set<OpenOption> opts = Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = FileChannel.open(abs(n.path()), opts)) {
            long pos = offset;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            touchData(n);
            return attrs(n);
        } catch (IOException e) {
            throw io(e, fileId.toString());
        }
    }

    @Override
    public synchronized FileAttributes setAttributes(FileId id, SetAttributes changes) throws FsException {
        Node n = node(id);
        apply(n, changes);
        return attrs(n);
    }

    /** Caller holds this. */
    private void apply(Node n, SetAttributes s) throws FsException {
        Path a = abs(n.path());
        boolean symlink = Files.isSymbolicLink(a);
        try {
            if (s.size() != null) {
                FileType t = typeOf(a);
                if (t == FileType.DIRECTORY) {
                    throw new FsException(FsError.IS_DIRECTORY, "cannot set size of a directory");
                }
                if (t != FileType.REGULAR) {
                    throw new FsException(FsError.INVALID_ARGUMENT, "cannot set size of a symlink");
                }
                if (s.size() < 0) {
                    throw new FsException(FsError.INVALID_ARGUMENT, "negative size");
                }
                try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    long size = ch.size();
                    if (s.size() < size) {
                        ch.truncate(s.size());
                    } else if (s.size() > size) {
                        ch.write(ByteBuffer.wrap(new byte[1]), s.size() - 1); // sparse extension
                    }
                }
                touchData(n);
            }
            if (s.mode() != null && !symlink) {
                Files.setPosixFilePermissions(a, permissions(s.mode()));
            }
            if (s.uid() != null) {
                Files.setAttribute(a, "unix:uid", s.uid(), NOFOLLOW);
            }
            if (s.gid() != null) {
                Files.setAttribute(a, "unix:gid", s.gid(), NOFOLLOW);
            }
            if (s.atime() != null || s.mtime() != null || s.birthTime() != null) {
                Files.getFileAttributeView(a, BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(
                                s.mtime() == null ? null : FileTime.from(s.mtime()),
                                s.atime() == null ? null : FileTime.from(s.atime()),
                                s.birthTime() == null ? null : FileTime.from(s.birthTime()));
            }
            if (s.dosAttributes() != null) {
                n.dos = s.dosAttributes();
            }
            changed(n);
        } catch (IOException e) {
            throw io(e, a.getFileName() == null ? "/" : a.getFileName().toString());
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                p.add(order[i]);
            }
        }
        return p;
    }

    @Override
    public synchronized void commit(FileId fileId) throws FsException {
        Node n = file(fileId);
        try (FileChannel ch = FileChannel.open(abs(n.path()), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        } catch (IOException e) {
            throw io(e, fileId.toString());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Directories

    @Override
    public synchronized DirPage readDirectory(FileId dirId, long cookie, int maxEntries) throws FsException {
        if (maxEntries <= 0) {
            throw new FsException(FsError.INVALID_ARGUMENT, "maxEntries must be positive");
        }
        Node d = dir(dirId);
        if (cookie < 0 || cookie >= d.nextCookie) {
            throw new FsException(FsError.BAD_COOKIE, "cookie " + cookie + " was never issued");
        }
        Path a = abs(d.path());
        Set<String> present = new TreeSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(a)) {
            for (Path p : s) {
                present.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw io(e, dirId.toString());
        }
        for (String gone : List.copyOf(d.cookieOf.keySet())) {
            if (!present.contains(gone)) {
                dropCookie(d, gone);
            }
        }
        for (String name : present) { // new names (made on the host) get cookies in name order
            cookie(d, name);
        }
        List<DirEntry> out = new ArrayList<>();
        long verifier = bootVerifier ^ d.id;
        for (Map.Entry<Long, String> e : d.byCookie.tailMap(cookie, false).entrySet()) {
            if (out.size() == maxEntries) {
                return new DirPage(out, false, verifier);
            }
            Node n;
            try {
                n = child(d, e.getValue());
            } catch (FsException gone) {
                continue; // vanished on the host meanwhile
            }
            out.add(new DirEntry(e.getValue(), new FileId(n.id), e.getKey(), attrs(n)));
        }
        return new DirPage(out, true, verifier);
    }

    @Override
    public FsStats stats() {
        try {
            FileStore store = Files.getFileStore(root);
            long files;
            synchronized (this) {
                files = nodes.size();
            }
            return new FsStats(store.getTotalSpace(), store.getUsableSpace(), 1L << 32, (1L << 32) - files);
        } catch (IOException e) {
            return new FsStats(0, 0, 0, 0);
        }
    }
}
