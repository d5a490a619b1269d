package io.interlock.server.smb2.session;

import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.smb2.pipe.Smb2Pipe;
import java.util.List;

/**
 * An open handle ([MS-SMB2] 3.3.1.10). Identity fields are final; the directory-enumeration cursor
 * is touched only by QUERY_DIRECTORY on the owning connection's lane.
 */
public final class Smb2Open {
    private final long volatileId;
    private final long sessionId;
    private final int treeId;
    private final VirtualFileSystem fs;
    private final FileId file;
    private final boolean directory;
    private final int grantedAccess;
    private final LeaseKey leaseKey;
    private final Smb2FileTable.Entry entry;
    private final Smb2Pipe pipe;

    /** Directory cursor: the matching names of the current scan, and the next index. */
    private List<Smb2DirEntry> listing;

    private String listingPattern;

    private int listingIndex;
    private volatile long position;
    private volatile boolean deleteOnClose;
    /** The lock manager's share-mode registration of this open, or null. */
    private volatile io.interlock.server.core.lock.ShareOpen shareOpen;

    public Smb2Open(
            long volatileId,
            long sessionId,
            int treeId,
            VirtualFileSystem fs,
            FileId file,
            boolean directory,
            int grantedAccess,
            LeaseKey leaseKey,
            Smb2FileTable.Entry entry) {
        this.volatileId = volatileId;
        this.sessionId = sessionId;
        this.treeId = treeId;
        this.fs = fs;
        this.file = file;
        this.directory = directory;
        this.grantedAccess = grantedAccess;
        this.leaseKey = leaseKey;
        this.entry = entry;
        this.pipe = null;
    }

    /** A named-pipe open on IPC$: no store, no file, no lease. */
    public Smb2Open(long volatileId, long sessionId, int treeId, Smb2Pipe pipe) {
        this.volatileId = volatileId;
        this.sessionId = sessionId;
        this.treeId = treeId;
        this.fs = null;
        this.file = null;
        this.directory = false;
        this.grantedAccess = 0x0012019F; // FILE_GENERIC_READ | FILE_GENERIC_WRITE
        this.leaseKey = null;
        this.entry = null;
        this.pipe = pipe;
    }

    /** The pipe of a named-pipe open, or null for a file or directory. */
    public Smb2Pipe pipe() {
        return pipe;
    }

    public long volatileId() {
        return volatileId;
    }

    public long sessionId() {
        return sessionId;
    }

    public int treeId() {
        return treeId;
    }

    public VirtualFileSystem fs() {
        return fs;
    }

    public FileId file() {
        return file;
    }

    public boolean directory() {
        return directory;
    }

    public int grantedAccess() {
        return grantedAccess;
    }

    /** The lease key of this open, or null when it holds no lease. */
    public LeaseKey leaseKey() {
        return leaseKey;
    }

    /** The server-wide state of the file this handle opens (open count, delete pending). */
    public Smb2FileTable.Entry entry() {
        return entry;
    }

    public List<Smb2DirEntry> listing() {
        return listing;
    }

    public String listingPattern() {
        return listingPattern;
    }

    public int listingIndex() {
        return listingIndex;
    }

    public void listing(List<Smb2DirEntry> l, String pattern, int index) {
        listing = l;
        listingPattern = pattern;
        listingIndex = index;
    }

    public void listingIndex(int index) {
        listingIndex = index;
    }

    /** Whether this handle was opened with FILE_DELETE_ON_CLOSE. */
    public boolean deleteOnClose() {
        return deleteOnClose;
    }

    public void deleteOnClose(boolean v) {
        deleteOnClose = v;
    }

    public io.interlock.server.core.lock.ShareOpen shareOpen() {
        return shareOpen;
    }

    public void shareOpen(io.interlock.server.core.lock.ShareOpen s) {
        shareOpen = s;
    }

    public long position() {
        return position;
    }

    public void position(long p) {
        position = p;
    }
}
