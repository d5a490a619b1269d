package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.smb2.wire.CreateRequest;
import io.interlock.server.smb2.wire.LeaseContext;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CREATE ([MS-SMB2] 3.3.5.9), first half: resolves the path and decides the disposition. When the
 * file exists and a lease of another key conflicts, the open first breaks it ({@link
 * BreakTrigger#OPEN}, or WRITE for an overwrite) and finishes when the break is done, on the lane,
 * without blocking it. The second half (creating, leasing, the response) is {@link CreateOpener}.
 */
final class CreateHandler implements Smb2Handler {
    /** Access bits a "stat open" may hold (lease definition, spec catalog R-SMB-40). */
    private static final int STAT_ACCESS = 0x80 | 0x100 | 0x100000 | 0x20000;

    private final Smb2Services svc;
    private final CreateOpener opener;

    CreateHandler(Smb2Services svc) {
        this.svc = svc;
        this.opener = new CreateOpener(svc);
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
        CreateRequest r = CreateRequest.decode(req.body());
        if (req.tree().isIpc()) {
            return Smb2Reply.error(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND); // named pipes: smb2/pipe
        }
        VirtualFileSystem fs = req.tree().share().fs();
        List<String> comps = Smb2Paths.components(r.name());
        LeaseContext lease = null;
        if (r.requestedOplockLevel() == CreateRequest.OPLOCK_LEVEL_LEASE
                && req.conn().dialect() != io.interlock.server.smb2.wire.Smb2Dialect.SMB_2_0_2) {
            CreateRequest.CreateContext c = r.context(LeaseContext.NAME);
            if (c != null) {
                lease = LeaseContext.decode(c.data());
            }
        }
        FileId parent = comps.isEmpty() ? null : Smb2Paths.parent(fs, comps);
        Smb2Paths.Found found = comps.isEmpty()
                ? new Smb2Paths.Found(fs.root(), "")
                : Smb2Paths.lookup(fs, parent, comps.get(comps.size() - 1));
        CreateOpener.Target target = new CreateOpener.Target(fs, parent, comps, found, lease);
        boolean overwrite = r.createDisposition() == CreateRequest.FILE_OVERWRITE
                || r.createDisposition() == CreateRequest.FILE_OVERWRITE_IF
                || r.createDisposition() == CreateRequest.FILE_SUPERSEDE;
        boolean stat = (r.desiredAccess() & ~STAT_ACCESS) == 0;
        if (found == null
                || (stat && !overwrite)
                || svc.locks().leasesOn(found.id()).isEmpty()) {
            return opener.open(req, r, target);
        }
        LeaseKey own = lease == null ? null : new LeaseKey(req.conn().clientGuid(), lease.leaseKey());
        CompletableFuture<BreakOutcome> f = svc.locks()
                .breakFor(found.id(), overwrite ? BreakTrigger.WRITE : BreakTrigger.OPEN, new BreakOrigin("smb", own));
        if (f.isDone()) {
            return opener.open(req, r, target);
        }
        return Smb2Reply.later(f.thenApplyAsync(
                o -> opener.openCatching(req, r, target), req.conn().lane()));
    }

    /** Creation attributes from the request's FileAttributes. */
    static SetAttributes initial(CreateRequest r, boolean dir) {
        int dos = r.fileAttributes() & Smb2Times.STORED_ATTRS;
        return new SetAttributes(dir ? 0755 : 0644, null, null, null, null, null, null, dos == 0 ? null : dos);
    }

    static FileAttributes createIn(VirtualFileSystem fs, FileId parent, String name, CreateRequest r, boolean dir)
            throws FsException {
        FileId id = dir
                ? fs.mkdir(parent, name, initial(r, true))
                : fs.createFile(parent, name, initial(r, false), CreateMode.EXCLUSIVE);
        return fs.getAttributes(id);
    }
}
