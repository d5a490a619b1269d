package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The namespace and file contents. Names map to inodes; an inode lives while it has a name, an
 * open, a lock or a waiter, so an SMB open keeps reading and writing a file that NFS removed or
 * renamed, as with POSIX unlink semantics (Samba on Linux beside a POSIX NFS server: the catalogs
 * are silent, spec README). Paths are relative, "/"-separated, "" is the share and export root.
 */
final class Files {
    private Files() {}

    /** The parent path of {@code path} ("" for a top-level name). */
    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    /** Whether {@code path} is a usable name: non-empty components, no "." or "..". */
    static boolean wellFormed(String path) {
        if (path.isEmpty()) {
            return false;
        }
        for (String c : path.split("/", -1)) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code path} equals {@code dir} or lies below it. */
    static boolean within(String path, String dir) {
        return path.equals(dir) || dir.isEmpty() || path.startsWith(dir + "/");
    }

    /** Whether the directory at {@code dir} has entries. */
    static boolean hasEntries(Step s, String dir) {
        for (String n : s.names.keySet()) {
            if (!n.equals(dir) && !n.isEmpty() && within(n, dir)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some proper prefix of {@code path} names an object that is not a directory: a lookup
     * through it answers NFS3ERR_NOTDIR (RFC 1813 §3.3.3: the directory handle is not a directory).
     */
    static boolean ancestorIsFile(Step s, String path) {
        String p = parent(path);
        while (!p.isEmpty()) {
            Inode n = s.lookup(p);
            if (n != null && !n.directory()) {
                return true;
            }
            p = parent(p);
        }
        return false;
    }

    /**
     * Why an NFS operation that names {@code path} by (directory handle, name) fails before it looks
     * at the name, or null when the parent is a directory: NFS3ERR_NOTDIR when the parent or one of
     * its ancestors is not a directory (the server checks the directory handle's type first: RFC 1813
     * §3.3.8-§3.3.15 list NFS3ERR_NOTDIR for a "where"/"from"/"to"/"link" directory that is not one),
     * NFS3ERR_NOENT when the parent is missing.
     */
    static String parentFailure(Step s, String path) {
        Inode p = s.lookup(parent(path));
        if (p != null && p.directory()) {
            return null;
        }
        return ancestorIsFile(s, path) ? Status.NFS3ERR_NOTDIR : Status.NFS3ERR_NOENT;
    }

    /** The directory inode the parent of {@code path} names, or null when it is missing or a file. */
    static Inode parentDir(Step s, String path) {
        Inode p = s.lookup(parent(path));
        return p != null && p.directory() ? p : null;
    }

    /** Creates a new object named {@code path} (its parent exists and is a directory). */
    static Inode create(Step s, String path, boolean dir, Long exclusiveVerifier) {
        Inode n = new Inode(s.nextInode++, dir, Bytes.EMPTY, exclusiveVerifier);
        s.inodes.put(n.id(), n);
        s.names.put(path, n.id());
        return n;
    }

    static void setContent(Step s, long inode, Bytes content) {
        Inode n = s.inode(inode);
        s.inodes.put(inode, n.withContent(content));
    }

    /** Removes the name {@code path}; the object lives on while something still refers to it. */
    static void unlink(Step s, String path) {
        Long id = s.names.remove(path);
        if (id != null) {
            collect(s, id);
        }
    }

    /**
     * Moves {@code from} (and everything below it) to {@code to}, replacing an existing {@code to}
     * (RFC 1813 §3.3.14: atomic replace of a compatible target).
     */
    static void rename(Step s, String from, String to) {
        if (s.names.containsKey(to)) {
            unlink(s, to);
        }
        List<Map.Entry<String, Long>> moved = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.names.entrySet()) {
            if (!e.getKey().isEmpty() && within(e.getKey(), from)) {
                moved.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<String, Long> e : moved) {
            s.names.remove(e.getKey());
        }
        for (Map.Entry<String, Long> e : moved) {
            s.names.put(to + e.getKey().substring(from.length()), e.getValue());
        }
    }

    /** Drops an inode nothing refers to any more. */
    static void collect(Step s, long id) {
        if (id == 0 || s.names.containsValue(id)) {
            return;
        }
        for (SmbOpen o : s.opens.values()) {
            if (o.inode() == id) {
                return;
            }
        }
        for (RangeLock l : s.locks) {
            if (l.inode() == id) {
                return;
            }
        }
        for (LockWaiter w : s.waiters) {
            if (w.inode() == id) {
                return;
            }
        }
        s.inodes.remove(id);
    }
}
