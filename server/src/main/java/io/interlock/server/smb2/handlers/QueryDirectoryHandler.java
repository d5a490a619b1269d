package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.DirEntry;
import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.session.Smb2DirEntry;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.BufferResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.QueryDirectoryRequest;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * QUERY_DIRECTORY ([MS-SMB2] 3.3.5.18) with the [MS-FSCC] 2.4 directory classes clients use. The
 * first query (or RESTART_SCANS/REOPEN) snapshots the matching entries, "." and ".." included;
 * later queries continue from the cursor. Entries are 8-byte aligned and chained by
 * NextEntryOffset.
 */
final class QueryDirectoryHandler implements Smb2Handler {
    static final int DIRECTORY = 1;
    static final int FULL_DIRECTORY = 2;
    static final int BOTH_DIRECTORY = 3;
    static final int NAMES = 12;
    static final int ID_BOTH_DIRECTORY = 37;
    static final int ID_FULL_DIRECTORY = 38;

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
        QueryDirectoryRequest r = QueryDirectoryRequest.decode(req.body());
        Smb2Open o = req.open(r.fileId());
        if (!o.directory()) {
            return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
        }
        int cls = r.infoClass();
        if (cls != DIRECTORY
                && cls != FULL_DIRECTORY
                && cls != BOTH_DIRECTORY
                && cls != NAMES
                && cls != ID_BOTH_DIRECTORY
                && cls != ID_FULL_DIRECTORY) {
            return Smb2Reply.error(NtStatus.STATUS_INVALID_INFO_CLASS);
        }
        String pattern = r.pattern().isEmpty() ? "*" : r.pattern();
        boolean restart = (r.flags() & (QueryDirectoryRequest.RESTART_SCANS | QueryDirectoryRequest.REOPEN)) != 0;
        boolean first = false;
        if (o.listing() == null || restart) {
            o.listing(scan(o, pattern), pattern, 0);
            first = true;
        }
        List<Smb2DirEntry> list = o.listing();
        int i = o.listingIndex();
        if (i >= list.size()) {
            return Smb2Reply.error(first ? NtStatus.STATUS_NO_SUCH_FILE : NtStatus.STATUS_NO_MORE_FILES);
        }
        Smb2Writer w = new Smb2Writer(Math.min(r.outputBufferLength(), 65536));
        int lastStart = -1;
        boolean single = (r.flags() & QueryDirectoryRequest.RETURN_SINGLE_ENTRY) != 0;
        while (i < list.size()) {
            byte[] e = entry(cls, list.get(i), i);
            int start = (w.size() + 7) & ~7;
            if (start + e.length > r.outputBufferLength()) {
                break;
            }
            w.align(8);
            if (lastStart >= 0) {
                w.putU32(lastStart, start - lastStart);
            }
            lastStart = start;
            w.bytes(e);
            i++;
            if (single) {
                break;
            }
        }
        if (lastStart < 0) {
            return Smb2Reply.error(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
        }
        o.listingIndex(i);
        return Smb2Reply.ok(new BufferResponse(w.toByteArray()));
    }

    private static List<Smb2DirEntry> scan(Smb2Open o, String pattern) throws FsException {
        List<Smb2DirEntry> out = new ArrayList<>();
        if (Smb2Wildcard.matches(pattern, ".")) {
            out.add(new Smb2DirEntry(".", o.fs().getAttributes(o.file())));
        }
        if (Smb2Wildcard.matches(pattern, "..")) {
            out.add(new Smb2DirEntry("..", o.fs().getAttributes(o.fs().parentOf(o.file()))));
        }
        long cookie = 0;
        while (true) {
            DirPage page = o.fs().readDirectory(o.file(), cookie, 1024);
            for (DirEntry e : page.entries()) {
                if (Smb2Wildcard.matches(pattern, e.name())) {
                    out.add(new Smb2DirEntry(e.name(), e.attributes()));
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return out;
            }
        }
    }

    /** One entry of class {@code cls} with NextEntryOffset 0 (patched by the caller). */
    static byte[] entry(int cls, Smb2DirEntry d, int index) {
        FileAttributes a = d.attributes();
        byte[] name = d.name().getBytes(StandardCharsets.UTF_16LE);
        Smb2Writer w = new Smb2Writer(104 + name.length);
        w.u32(0); // NextEntryOffset
        w.u32(index); // FileIndex
        if (cls == NAMES) {
            w.u32(name.length); // FileNameLength
            w.bytes(name); // FileName
            return w.toByteArray();
        }
        w.u64(Smb2Times.filetime(a.birthTime())); // CreationTime
        w.u64(Smb2Times.filetime(a.atime())); // LastAccessTime
        w.u64(Smb2Times.filetime(a.mtime())); // LastWriteTime
        w.u64(Smb2Times.filetime(a.ctime())); // ChangeTime
        w.u64(a.isDirectory() ? 0 : a.size()); // EndOfFile
        w.u64(Smb2Times.allocation(a)); // AllocationSize
        w.u32(Smb2Times.attributes(a)); // FileAttributes
        w.u32(name.length); // FileNameLength
        if (cls != DIRECTORY) {
            w.u32(0); // EaSize
        }
        if (cls == BOTH_DIRECTORY || cls == ID_BOTH_DIRECTORY) {
            w.u8(0); // ShortNameLength
            w.u8(0); // Reserved1
            w.zeros(24); // ShortName
        }
        if (cls == ID_BOTH_DIRECTORY) {
            w.u16(0); // Reserved2
            w.u64(a.id().value()); // FileId
        }
        if (cls == ID_FULL_DIRECTORY) {
            w.u32(0); // Reserved
            w.u64(a.id().value()); // FileId
        }
        w.bytes(name); // FileName
        return w.toByteArray();
    }
}
