package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.BufferResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.QueryInfoRequest;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.util.Arrays;
import java.util.Set;

/**
 * QUERY_INFO ([MS-SMB2] 3.3.5.20) for file and file-system classes. A variable-length answer that
 * does not fit is truncated with STATUS_BUFFER_OVERFLOW; a fixed-length one fails with
 * STATUS_INFO_LENGTH_MISMATCH.
 */
final class QueryInfoHandler implements Smb2Handler {
    private static final Set<Integer> VARIABLE = Set.of(
            Smb2FileInfo.FILE_ALL,
            Smb2FileInfo.FILE_NAME,
            Smb2FileInfo.FILE_ALTERNATE_NAME,
            Smb2FileInfo.FILE_STREAM,
            256 + Smb2FileInfo.FS_VOLUME,
            256 + Smb2FileInfo.FS_ATTRIBUTE);

    private final Smb2Services svc;

    QueryInfoHandler(Smb2Services svc) {
        this.svc = svc;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
        QueryInfoRequest r = QueryInfoRequest.decode(req.body());
        Smb2Open o = req.open(r.fileId());
        Smb2Writer w = new Smb2Writer();
        int key;
        if (r.infoType() == QueryInfoRequest.INFO_FILE) {
            key = r.infoClass();
            FileAttributes a = o.fs().getAttributes(o.file());
            boolean pending = svc.files().isDeletePending(o.entry());
            switch (r.infoClass()) {
                case Smb2FileInfo.FILE_BASIC -> Smb2FileInfo.basic(w, a);
                case Smb2FileInfo.FILE_STANDARD -> Smb2FileInfo.standard(w, a, pending);
                case Smb2FileInfo.FILE_INTERNAL -> w.u64(a.id().value());
                case Smb2FileInfo.FILE_EA -> w.u32(0);
                case Smb2FileInfo.FILE_ACCESS -> w.u32(o.grantedAccess());
                case Smb2FileInfo.FILE_POSITION -> w.u64(o.position());
                case Smb2FileInfo.FILE_MODE, Smb2FileInfo.FILE_ALIGNMENT -> w.u32(0);
                case Smb2FileInfo.FILE_NAME -> Smb2FileInfo.name(w, pathOf(o));
                case Smb2FileInfo.FILE_ALL ->
                    Smb2FileInfo.all(w, a, pending, o.grantedAccess(), o.position(), pathOf(o));
                case Smb2FileInfo.FILE_STREAM -> Smb2FileInfo.stream(w, a);
                case Smb2FileInfo.FILE_ALTERNATE_NAME -> {
                    // no 8.3 names here: the long name stands in for the short one
                    String p = pathOf(o);
                    Smb2FileInfo.name(w, p.substring(p.lastIndexOf('\\') + 1));
                }
                case Smb2FileInfo.FILE_NETWORK_OPEN -> Smb2FileInfo.networkOpen(w, a);
                case Smb2FileInfo.FILE_ATTRIBUTE_TAG ->
                    w.u32(Smb2Times.attributes(a)).u32(0);
                default -> {
                    return Smb2Reply.error(NtStatus.STATUS_INVALID_INFO_CLASS);
                }
            }
        } else if (r.infoType() == QueryInfoRequest.INFO_FILESYSTEM) {
            key = 256 + r.infoClass();
            switch (r.infoClass()) {
                case Smb2FileInfo.FS_VOLUME ->
                    Smb2FileInfo.fsVolume(w, req.tree().share().name());
                case Smb2FileInfo.FS_SIZE -> Smb2FileInfo.fsSize(w, o.fs().stats());
                case Smb2FileInfo.FS_FULL_SIZE -> Smb2FileInfo.fsFullSize(w, o.fs().stats());
                case Smb2FileInfo.FS_DEVICE -> Smb2FileInfo.fsDevice(w);
                case Smb2FileInfo.FS_ATTRIBUTE -> Smb2FileInfo.fsAttribute(w);
                case Smb2FileInfo.FS_SECTOR_SIZE -> Smb2FileInfo.fsSectorSize(w);
                default -> {
                    return Smb2Reply.error(NtStatus.STATUS_INVALID_INFO_CLASS);
                }
            }
        } else {
            return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED); // security descriptors, quotas
        }
        byte[] data = w.toByteArray();
        if (data.length > r.outputBufferLength()) {
            if (!VARIABLE.contains(key)) {
                return Smb2Reply.error(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
            }
            return Smb2Reply.of(
                    NtStatus.STATUS_BUFFER_OVERFLOW, new BufferResponse(Arrays.copyOf(data, r.outputBufferLength())));
        }
        return Smb2Reply.ok(new BufferResponse(data));
    }

    /** The share-relative path of an open ("\\" for the root), as FileNameInformation reports it. */
    static String pathOf(Smb2Open o) throws FsException {
        StringBuilder b = new StringBuilder();
        var id = o.file();
        int guard = 0;
        while (!id.equals(o.fs().root()) && guard++ < 256) {
            Smb2OpenCloser.NameInDir n = Smb2OpenCloser.nameOf(o.fs(), id);
            if (n == null) {
                break;
            }
            b.insert(0, "\\" + n.name());
            id = n.dir();
        }
        return b.length() == 0 ? "\\" : b.toString();
    }
}
