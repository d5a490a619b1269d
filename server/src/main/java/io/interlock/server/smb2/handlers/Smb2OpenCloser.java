package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.DirEntry;
import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Open;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an open: drops it from the connection, releases its lease open, and performs a pending
 * delete when it was the file's last open ([MS-SMB2] 3.3.5.10, [MS-FSA] 2.1.5.4).
 */
final class Smb2OpenCloser {
    private static final Logger log = LoggerFactory.getLogger(Smb2OpenCloser.class);

    private final Smb2Services svc;

    Smb2OpenCloser(Smb2Services svc) {
        this.svc = svc;
    }

    /**
     * Closes {@code o}; returns true if the file was deleted as a result. Releasing the lease open
     * comes last: it wakes the operations waiting on the lease (R-SMB-69), which must find the open's
     * share mode, byte-range locks and a delete-on-close already gone, as the close is one step to
     * them (a CREATE woken before the locks went would be granted no lease, §2.2 rule 6).
     */
    boolean close(Smb2Connection conn, Smb2Open o) {
        if (conn.opens().remove(o.volatileId()) == null) {
            return false;
        }
        if (o.pipe() != null) {
            return false;
        }
        try {
            if (o.shareOpen() != null) {
                svc.locks().closeShared(o.shareOpen());
            }
            io.interlock.server.core.lock.LockOwner owner = Smb2LockHandler.owner(o);
            svc.locks().releaseLocks(owner::equals);
            return endOpen(o);
        } finally {
            if (o.leaseKey() != null) {
                svc.locks().releaseLeaseOpen(o.leaseKey()); // a lease open, or the open's oplock
            }
        }
    }

    /** Drops the open from the file table and performs a pending delete when it was the last open. */
    private boolean endOpen(Smb2Open o) {
        if (o.deleteOnClose()) {
            svc.files().setDeletePending(o.entry(), true);
        }
        if (!svc.files().close(o.fs(), o.file(), o.entry())) {
            return false;
        }
        try {
            NameInDir n = nameOf(o.fs(), o.file());
            if (n == null) {
                return false;
            }
            if (o.directory()) {
                o.fs().rmdir(n.dir(), n.name());
            } else {
                o.fs().remove(n.dir(), n.name());
                removeStreams(o.fs(), n);
            }
            return true;
        } catch (FsException e) {
            log.debug("delete on close of {} failed: {}", o.file(), e.getMessage());
            return false;
        }
    }

    /** Deletes the hidden stream objects of a deleted base file ({@link Smb2Streams}). */
    private static void removeStreams(VirtualFileSystem fs, NameInDir base) throws FsException {
        if (Smb2Streams.isStream(base.name())) {
            return;
        }
        String prefix = base.name() + ":";
        java.util.List<String> doomed = new java.util.ArrayList<>();
        long cookie = 0;
        while (true) {
            DirPage page = fs.readDirectory(base.dir(), cookie, 512);
            for (DirEntry e : page.entries()) {
                if (e.name().startsWith(prefix)) {
                    doomed.add(e.name());
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                break;
            }
        }
        for (String name : doomed) {
            fs.remove(base.dir(), name);
        }
    }

    /** Where an object is linked: its parent and its name there. */
    record NameInDir(FileId dir, String name) {}

    /** Finds the directory entry naming {@code id}, or null if it has none (root, removed). */
    static NameInDir nameOf(VirtualFileSystem fs, FileId id) throws FsException {
        if (id.equals(fs.root())) {
            return null;
        }
        FileId parent = fs.parentOf(id);
        long cookie = 0;
        while (true) {
            DirPage page = fs.readDirectory(parent, cookie, 512);
            for (DirEntry e : page.entries()) {
                if (e.id().equals(id)) {
                    return new NameInDir(parent, e.name());
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return null;
            }
        }
    }
}
