package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.SetInfoRequest;
import io.interlock.server.smb2.wire.SimpleResponse;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import java.time.Instant;
import java.util.List;

/**
 * SET_INFO ([MS-SMB2] 3.3.5.21) for file classes: basic, rename, disposition (and Ex), position,
 * mode, allocation, end-of-file. Size changes break other keys' leases first (WRITE).
 */
final class SetInfoHandler implements Smb2Handler {
    private final Smb2Services svc;

    SetInfoHandler(Smb2Services svc) {
        this.svc = svc;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
        SetInfoRequest r = SetInfoRequest.decode(req.body());
        Smb2Open o = req.open(r.fileId());
        if (r.infoType() != 1) {
            return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
        }
        Smb2Reader b = Smb2Reader.of(r.buffer());
        VirtualFileSystem fs = o.fs();
        switch (r.infoClass()) {
            case Smb2FileInfo.FILE_BASIC -> {
                Instant birth = time(b.u64()); // CreationTime
                Instant atime = time(b.u64()); // LastAccessTime
                Instant mtime = time(b.u64()); // LastWriteTime
                b.u64(); // ChangeTime: the store keeps ctime itself
                int attrs = b.u32(); // FileAttributes
                Integer dos = attrs == 0 ? null : attrs & Smb2Times.STORED_ATTRS;
                SetAttributes s = new SetAttributes(null, null, null, null, atime, mtime, birth, dos);
                if (!s.isEmpty()) {
                    fs.setAttributes(o.file(), s);
                }
            }
            case Smb2FileInfo.FILE_RENAME -> {
                return NamespaceBreak.thenRun(svc, req, o, () -> rename(req, o, Smb2Reader.of(r.buffer())));
            }
            case Smb2FileInfo.FILE_DISPOSITION, Smb2FileInfo.FILE_DISPOSITION_EX -> {
                boolean delete =
                        r.infoClass() == Smb2FileInfo.FILE_DISPOSITION ? (b.u8() & 1) != 0 : (b.u32() & 1) != 0;
                if (!delete) {
                    disposition(o, false);
                    break;
                }
                return NamespaceBreak.thenRun(svc, req, o, () -> disposition(o, true));
            }
            case Smb2FileInfo.FILE_POSITION -> o.position(b.u64());
            case Smb2FileInfo.FILE_MODE -> b.u32();
            case Smb2FileInfo.FILE_END_OF_FILE -> resize(o, b.u64(), false);
            case Smb2FileInfo.FILE_ALLOCATION -> resize(o, b.u64(), true);
            default -> {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_INFO_CLASS);
            }
        }
        return Smb2Reply.ok(SimpleResponse.SET_INFO);
    }

    /** 0 and -1 mean "do not change" ([MS-FSCC] 2.4.7). */
    private static Instant time(long ft) {
        return ft == 0 || ft == -1 || ft == -2 ? null : Smb2Times.instant(ft);
    }

    private void resize(Smb2Open o, long size, boolean allocation) throws FsException, Smb2ProtocolException {
        if (o.directory()) {
            throw Smb2ProtocolException.invalid("size of a directory");
        }
        if (size < 0) {
            throw Smb2ProtocolException.invalid("negative size");
        }
        if (Smb2LockHandler.gone(o)) {
            throw new Smb2ProtocolException(NtStatus.STATUS_FILE_CLOSED, "removed by NFS: nothing to break");
        }
        // EndOfFile and AllocationSize break R/RH/Level II even when the size stays (R-SMB-33, batch11/12)
        if (!svc.locks().leasesOn(o.file()).isEmpty()) {
            svc.locks().breakFor(o.file(), BreakTrigger.WRITE, new BreakOrigin("smb", o.leaseKey()));
        }
        FileAttributes a = o.fs().getAttributes(o.file());
        if (allocation && size >= a.size()) {
            return; // allocation beyond EOF is a hint
        }
        if (size == a.size()) {
            return;
        }
        o.fs().setAttributes(o.file(), SetAttributes.size(size));
    }

    private void disposition(Smb2Open o, boolean delete) throws FsException, Smb2ProtocolException {
        if (delete && o.file().equals(o.fs().root())) {
            throw new Smb2ProtocolException(NtStatus.STATUS_ACCESS_DENIED, "delete of the share root");
        }
        if (delete
                && o.directory()
                && !o.fs().readDirectory(o.file(), 0, 1).entries().isEmpty()) {
            throw new Smb2ProtocolException(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, "directory not empty");
        }
        svc.files().setDeletePending(o.entry(), delete);
    }

    /** FILE_RENAME_INFORMATION_TYPE_2 ([MS-FSCC] 2.4.37.2); the target is share-relative. */
    private void rename(Smb2Request req, Smb2Open o, Smb2Reader b) throws Smb2ProtocolException, FsException {
        boolean replace = b.u8() != 0; // ReplaceIfExists (1 byte)
        b.skip(7); // Reserved (7 bytes)
        b.u64(); // RootDirectory (8 bytes)
        int len = b.u32Length("FileNameLength"); // FileNameLength (4 bytes)
        String target = b.utf16At(20, len); // FileName
        VirtualFileSystem fs = o.fs();
        Smb2OpenCloser.NameInDir from = Smb2OpenCloser.nameOf(fs, o.file());
        if (from == null) {
            throw new Smb2ProtocolException(NtStatus.STATUS_ACCESS_DENIED, "cannot rename the root");
        }
        List<String> comps = Smb2Paths.components(target);
        if (comps.isEmpty()) {
            throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "empty rename target");
        }
        FileId toDir = Smb2Paths.parent(fs, comps);
        if (NamespaceBreak.parentHeldForDelete(svc, toDir)) {
            // R-SMB-38: the destination's parent directory is open with DELETE access
            throw new Smb2ProtocolException(
                    NtStatus.STATUS_SHARING_VIOLATION, "rename target directory open with DELETE");
        }
        String toName = comps.get(comps.size() - 1);
        Smb2Paths.Found existing = Smb2Paths.lookup(fs, toDir, toName);
        if (existing != null && !existing.id().equals(o.file())) {
            if (!replace) {
                throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_COLLISION, "rename target exists");
            }
            if (fs.getAttributes(existing.id()).isDirectory()) {
                throw new Smb2ProtocolException(NtStatus.STATUS_ACCESS_DENIED, "rename over a directory");
            }
            svc.locks().breakFor(existing.id(), BreakTrigger.DELETE, new BreakOrigin("smb", o.leaseKey()));
            if (!existing.name().equals(toName)) {
                fs.remove(toDir, existing.name()); // same name in another case: replace that entry
            }
        }
        fs.rename(from.dir(), from.name(), toDir, toName);
    }
}
