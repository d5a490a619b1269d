package io.interlock.server.smb2.handlers;

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

/**
 * CREATE ([MS-SMB2] 3.3.5.9), first half: resolves the path and decides the disposition. When the
 * file exists and a lease of another key conflicts, the open first breaks it ({@link
 * BreakTrigger#OPEN}, or WRITE for an overwrite) and finishes when the break is done, on the lane,
 * without blocking it. The second half (creating, leasing, the response) is {@link CreateOpener}.
 */
final class CreateHandler implements Smb2Handler {
    private final Smb2Services svc;
    private final CreateOpener opener;
    private final CreateBreakGate gate;

    CreateHandler(Smb2Services svc) {
        this.svc = svc;
        this.opener = new CreateOpener(svc);
        this.gate = new CreateBreakGate(svc.locks());
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
        CreateRequest r = CreateRequest.decode(req.body());
        if (req.tree().isIpc()) {
            return PipeHandlers.create(svc, req, r);
        }
        LeaseContext lease = null;
        if (r.requestedOplockLevel() == CreateRequest.OPLOCK_LEVEL_LEASE
                && req.conn().dialect() != io.interlock.server.smb2.wire.Smb2Dialect.SMB_2_0_2) {
            CreateRequest.CreateContext c = r.context(LeaseContext.NAME);
            if (c != null) {
                lease = LeaseContext.decode(c.data());
                if (lease.version() != 1 && !req.conn().dialect().isSmb3()) {
                    // a v2 context before 3.0 is ignored, as if absent: no lease (R-SMB-4; Samba
                    // smbd_smb2_create_send "v2 lease key only for SMB3")
                    lease = null;
                }
            }
        }
        return evaluate(req, r, lease);
    }

    /**
     * Resolves the name and runs the breaks, then opens. When the open had to wait for a break,
     * it is evaluated again from here: while it waited, the name may have been replaced (an NFS
     * RENAME over it) or a new holder granted, and the open must break what conflicts with the
     * file it really opens ([MS-SMB2] 3.3.5.9: the break precedes the open of that file; R-XP-4's
     * mirror for SMB, catalog §2.4).
     */
    private Smb2Reply evaluate(Smb2Request req, CreateRequest r, LeaseContext lease)
            throws Smb2ProtocolException, FsException {
        VirtualFileSystem fs = req.tree().share().fs();
        Smb2Streams.Parsed sp = Smb2Streams.parse(r.name());
        List<String> comps = Smb2Paths.components(sp.basePath());
        FileId parent = comps.isEmpty() ? null : Smb2Paths.parent(fs, comps);
        if (sp.stream() != null) {
            comps = streamComponents(fs, parent, comps, sp.stream(), r);
        }
        Smb2Paths.Found found = comps.isEmpty()
                ? new Smb2Paths.Found(fs.root(), "")
                : Smb2Paths.lookup(fs, parent, comps.get(comps.size() - 1));
        CreateOpener.Target target = new CreateOpener.Target(fs, parent, comps, found, lease);
        if (found == null) {
            return opener.open(req, r, target);
        }
        if (svc.files().deletePending(fs, found.id())) {
            return Smb2Reply.error(NtStatus.STATUS_DELETE_PENDING); // no break (oplock.doc)
        }
        LeaseKey own = lease == null ? null : new LeaseKey(req.conn().clientGuid(), lease.leaseKey());
        if (opener.leaseKeyBoundElsewhere(req, lease, found.id())) {
            // before any break for the open (explore: the second open of a name NFS had removed and
            // re-created broke the new file's holder first)
            return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
        }
        return gate.run(
                found.id(),
                r,
                own,
                req.conn().lane(),
                () -> catching(() -> opener.open(req, r, target)),
                () -> catching(() -> evaluate(req, r, lease)));
    }

    /** A step of the CREATE that may run as an asynchronous continuation of a break. */
    private interface Step {
        Smb2Reply run() throws Smb2ProtocolException, FsException;
    }

    /** Runs {@code step} outside the dispatcher's error funnel: errors become error replies. */
    private static Smb2Reply catching(Step step) {
        try {
            return step.run();
        } catch (Smb2ProtocolException e) {
            return Smb2Reply.error(e.status());
        } catch (FsException e) {
            return Smb2Reply.error(Smb2StatusMapper.map(e.error()));
        }
    }

    /**
     * The components naming a stream's hidden object ({@link Smb2Streams}); the base file is created
     * first when the disposition allows.
     */
    private static List<String> streamComponents(
            VirtualFileSystem fs, FileId parent, List<String> comps, String stream, CreateRequest r)
            throws Smb2ProtocolException, FsException {
        if (comps.isEmpty() || (r.createOptions() & CreateRequest.FILE_DIRECTORY_FILE) != 0) {
            throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "stream of a directory");
        }
        String baseName = comps.get(comps.size() - 1);
        Smb2Paths.Found base = Smb2Paths.lookup(fs, parent, baseName);
        if (base == null) {
            int disp = r.createDisposition();
            if (disp == CreateRequest.FILE_OPEN || disp == CreateRequest.FILE_OVERWRITE) {
                throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no base file " + baseName);
            }
            fs.createFile(parent, baseName, initial(r, false), CreateMode.EXCLUSIVE);
            base = new Smb2Paths.Found(null, baseName);
        } else if (fs.getAttributes(base.id()).isDirectory()) {
            throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "stream of a directory");
        }
        List<String> out = new java.util.ArrayList<>(comps);
        out.set(out.size() - 1, Smb2Streams.hiddenName(base.name(), stream));
        return out;
    }

    /** Creation attributes from the request's FileAttributes. */
    static SetAttributes initial(CreateRequest r, boolean dir) {
        int dos = r.fileAttributes() & Smb2Times.STORED_ATTRS;
        if (!dir) {
            dos |= Smb2Times.ATTR_ARCHIVE; // a new file is marked for backup, as NTFS and Samba do
        }
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
