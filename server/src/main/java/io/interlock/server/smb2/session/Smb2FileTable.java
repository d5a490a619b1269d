package io.interlock.server.smb2.session;

import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.VirtualFileSystem;
import java.util.HashMap;
import java.util.Map;

/**
 * Server-wide state of files opened over SMB: how many handles are open and whether delete is
 * pending ([MS-SMB2] 3.3.1.10 Open.File; [MS-FSA] delete-on-close). Opens on any connection share
 * one entry per (store, FileId). Thread-safe; guarded by this.
 */
public final class Smb2FileTable {
    private record Key(VirtualFileSystem fs, FileId file) {}

    /** Open count and delete-pending flag of one file. Guarded by the table. */
    public static final class Entry {
        private int opens;
        private boolean deletePending;

        private Entry() {}
    }

    private final Map<Key, Entry> entries = new HashMap<>();

    /** Registers one more open of a file and returns its entry. */
    public synchronized Entry open(VirtualFileSystem fs, FileId file) {
        Entry e = entries.computeIfAbsent(new Key(fs, file), k -> new Entry());
        e.opens++;
        return e;
    }

    /** Whether delete is pending on this file (opens then fail with STATUS_DELETE_PENDING). */
    public synchronized boolean deletePending(VirtualFileSystem fs, FileId file) {
        Entry e = entries.get(new Key(fs, file));
        return e != null && e.deletePending;
    }

    public synchronized void setDeletePending(Entry e, boolean pending) {
        e.deletePending = pending;
    }

    public synchronized boolean isDeletePending(Entry e) {
        return e.deletePending;
    }

    /**
     * Drops one open. Returns true when this was the last open and delete was pending: the caller
     * then removes the file.
     */
    public synchronized boolean close(VirtualFileSystem fs, FileId file, Entry e) {
        if (--e.opens > 0) {
            return false;
        }
        entries.remove(new Key(fs, file));
        return e.deletePending;
    }
}
