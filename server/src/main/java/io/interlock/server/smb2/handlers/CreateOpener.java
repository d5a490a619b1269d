package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseGrant;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.OplockLevel;
import io.interlock.server.core.lock.ShareResult;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.smb2.session.Smb2FileTable;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.CreateRequest;
import io.interlock.server.smb2.wire.CreateRequest.CreateContext;
import io.interlock.server.smb2.wire.CreateResponse;
import io.interlock.server.smb2.wire.LeaseContext;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2FileId;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE, second half: applies the disposition, grants the lease (RqLs), registers the open and
 * builds the response with its contexts (RqLs, MxAc, QFid; others are ignored).
 */
final class CreateOpener {
    private static final Logger log = LoggerFactory.getLogger(CreateOpener.class);

    private final Smb2Services svc;

    CreateOpener(Smb2Services svc) {
        this.svc = svc;
    }

    /** What the first half resolved. {@code found} is null when the name does not exist. */
    record Target(VirtualFileSystem fs, FileId parent, List<String> comps, Smb2Paths.Found found, LeaseContext lease) {}

    /**
     * [MS-SMB2] 3.3.5.9.8 (R-SMB-10): whether the request's lease key is bound to a lease on a file
     * other than {@code file} (null: a file not created yet). Such a CREATE fails with
     * STATUS_INVALID_PARAMETER while its lease context is processed: before any break for the open
     * and before the open itself.
     */
    boolean leaseKeyBoundElsewhere(Smb2Request req, LeaseContext lease, FileId file) {
        return lease != null
                && svc.locks()
                        .lease(new LeaseKey(req.conn().clientGuid(), lease.leaseKey()))
                        .map(l -> !l.file().equals(file))
                        .orElse(false);
    }

    Smb2Reply open(Smb2Request req, CreateRequest r, Target t) throws Smb2ProtocolException, FsException {
        long vid = svc.nextId();
        int access = ShareAccess.expand(r.desiredAccess());
        ShareResult[] share = new ShareResult[1];
        try {
            Smb2Reply reply = open(req, r, t, vid, access, share);
            if (reply.status().isError() && share[0] instanceof ShareResult.Granted g) {
                svc.locks().closeShared(g.open());
            }
            return reply;
        } catch (Smb2ProtocolException | FsException | RuntimeException e) {
            if (share[0] instanceof ShareResult.Granted g) {
                svc.locks().closeShared(g.open());
            }
            throw e;
        }
    }

    /** The key an open caches under: its lease key, or its private oplock key, or none. */
    private static LeaseKey holderKey(Smb2Request req, Target t, CreateRequest r, long vid, FileAttributes a) {
        if (t.lease() != null) {
            return new LeaseKey(req.conn().clientGuid(), t.lease().leaseKey());
        }
        if (OplockLeaseGrant.wantsOplock(r) && (a == null || !a.isDirectory())) {
            return LeaseKey.forOplock(vid);
        }
        return null;
    }

    private Smb2Reply open(Smb2Request req, CreateRequest r, Target t, long vid, int access, ShareResult[] shareOut)
            throws Smb2ProtocolException, FsException {
        ShareResult share = null;
        VirtualFileSystem fs = t.fs();
        boolean wantDir = (r.createOptions() & CreateRequest.FILE_DIRECTORY_FILE) != 0;
        boolean wantFile = (r.createOptions() & CreateRequest.FILE_NON_DIRECTORY_FILE) != 0;
        int disp = r.createDisposition();
        FileAttributes a;
        int action;
        Smb2Paths.Found found = t.found();
        if (found != null && !t.comps().isEmpty()) {
            // the name may have been removed while we waited for a break
            found = Smb2Paths.lookup(fs, t.parent(), t.comps().get(t.comps().size() - 1));
        }
        if (leaseKeyBoundElsewhere(req, t.lease(), found == null ? null : found.id())) {
            return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER); // before the open: nothing created or truncated
        }
        if (found != null) {
            if (disp == CreateRequest.FILE_CREATE) {
                return Smb2Reply.error(NtStatus.STATUS_OBJECT_NAME_COLLISION);
            }
            a = fs.getAttributes(found.id());
            if (a.isDirectory() && wantFile) {
                return Smb2Reply.error(NtStatus.STATUS_FILE_IS_A_DIRECTORY);
            }
            if (!a.isDirectory() && wantDir) {
                return Smb2Reply.error(NtStatus.STATUS_NOT_A_DIRECTORY);
            }
            if (svc.files().deletePending(fs, found.id())) {
                return Smb2Reply.error(NtStatus.STATUS_DELETE_PENDING);
            }
            share = svc.locks()
                    .openShared(
                            found.id(), ShareAccess.shareBits(access), r.shareAccess(), holderKey(req, t, r, vid, a));
            shareOut[0] = share;
            if (share instanceof ShareResult.SharingViolation) {
                return Smb2Reply.error(NtStatus.STATUS_SHARING_VIOLATION);
            }
            if (disp == CreateRequest.FILE_OVERWRITE
                    || disp == CreateRequest.FILE_OVERWRITE_IF
                    || disp == CreateRequest.FILE_SUPERSEDE) {
                if (a.isDirectory()) {
                    return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
                }
                a = fs.setAttributes(found.id(), SetAttributes.size(0));
                action = disp == CreateRequest.FILE_SUPERSEDE
                        ? CreateResponse.FILE_SUPERSEDED
                        : CreateResponse.FILE_OVERWRITTEN;
            } else {
                action = CreateResponse.FILE_OPENED;
            }
        } else {
            if (disp == CreateRequest.FILE_OPEN || disp == CreateRequest.FILE_OVERWRITE) {
                return Smb2Reply.error(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
            }
            String name = t.comps().get(t.comps().size() - 1);
            a = CreateHandler.createIn(fs, t.parent(), name, r, wantDir);
            action = CreateResponse.FILE_CREATED;
            share = svc.locks()
                    .openShared(a.id(), ShareAccess.shareBits(access), r.shareAccess(), holderKey(req, t, r, vid, a));
            shareOut[0] = share;
            // a new entry changes the parent: break directory leases on it
            svc.locks().breakFor(t.parent(), BreakTrigger.DIRECTORY_CHANGE, new BreakOrigin("smb", null));
        }
        List<CreateContext> out = new ArrayList<>();
        LeaseKey leaseKey = null;
        int oplock = 0;
        // Directories are leased (R or RH; the lock manager strips W) only for a v2 lease request
        // on SMB 3.x, where NEGOTIATE advertises DIRECTORY_LEASING ([MS-SMB2] 3.3.5.9.11); a v1
        // request or an older dialect gets OplockLevel NONE and no lease (smbtorture lease.request).
        boolean leasable = t.lease() != null
                && (!a.isDirectory()
                        || (req.conn().dialect().isSmb3() && t.lease().version() >= 2));
        if (!leasable && leaseKeyBoundElsewhere(req, t.lease(), a.id())) {
            return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
        }
        if (leasable) {
            LeaseContext lc = t.lease();
            leaseKey = new LeaseKey(req.conn().clientGuid(), lc.leaseKey());
            boolean isNew = svc.locks().lease(leaseKey).isEmpty();
            LeaseGrant g;
            try {
                g = svc.locks()
                        .requestLease(new LeaseRequest(
                                a.id(),
                                leaseKey,
                                lc.leaseState(),
                                lc.version(),
                                lc.epoch(),
                                a.isDirectory(),
                                svc.breaker()));
            } catch (IllegalStateException e) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER); // key bound to another file
            }
            if (isNew) {
                svc.leaseVersions().put(leaseKey, lc.version());
            }
            int version = svc.leaseVersions().getOrDefault(leaseKey, lc.version());
            int flags = g.breakInProgress() ? LeaseContext.FLAG_BREAK_IN_PROGRESS : 0;
            if (version >= 2 && (lc.flags() & LeaseContext.FLAG_PARENT_LEASE_KEY_SET) != 0) {
                flags |= LeaseContext.FLAG_PARENT_LEASE_KEY_SET;
            }
            LeaseContext resp = new LeaseContext(
                    lc.leaseKey(),
                    g.state(),
                    flags,
                    (flags & LeaseContext.FLAG_PARENT_LEASE_KEY_SET) != 0 ? lc.parentLeaseKey() : null,
                    version >= 2 ? g.epoch() : 0,
                    version);
            out.add(new CreateContext(LeaseContext.NAME, resp.encode()));
            oplock = CreateRequest.OPLOCK_LEVEL_LEASE;
        }
        if (r.context("MxAc") != null) {
            out.add(new CreateContext(
                    "MxAc",
                    new Smb2Writer().u32(0).u32(TreeHandlers.FULL_ACCESS).toByteArray()));
        }
        if (r.context("QFid") != null) {
            out.add(new CreateContext(
                    "QFid",
                    new Smb2Writer().u64(a.id().value()).u64(0).zeros(16).toByteArray()));
        }
        if (t.lease() == null && OplockLeaseGrant.wantsOplock(r)) {
            oplock = OplockLeaseGrant.grantOplock(svc, r, a, vid, access, action == CreateResponse.FILE_CREATED);
            if (oplock != OplockLevel.NONE) {
                leaseKey = LeaseKey.forOplock(vid);
            }
        }
        Smb2FileTable.Entry entry = svc.files().open(fs, a.id());
        int granted = (r.desiredAccess() & 0x02000000) != 0 ? TreeHandlers.FULL_ACCESS : r.desiredAccess();
        Smb2Open o = new Smb2Open(
                vid, req.session().id(), req.tree().id(), fs, a.id(), a.isDirectory(), granted, leaseKey, entry);
        if (share instanceof ShareResult.Granted g) {
            o.shareOpen(g.open());
        }
        if ((r.createOptions() & CreateRequest.FILE_DELETE_ON_CLOSE) != 0) {
            o.deleteOnClose(true);
        }
        req.conn().opens().put(vid, o);
        Smb2FileId fid = new Smb2FileId(vid, vid);
        req.chain().fileId(fid);
        log.debug("{}: open {} -> {} action {}", req.conn(), r.name(), a.id(), action);
        return Smb2Reply.ok(new CreateResponse(oplock, action, Smb2Times.networkOpen(a), fid, out));
    }
}
