package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.DirEntry;
import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB path handling: backslash-separated names relative to the share root, validated per [MS-FSCC]
 * 2.1.5 (no wildcards, no control characters, no "." or ".." components, no streams other than the
 * default "::$DATA"), looked up case-insensitively over the case-sensitive store.
 */
final class Smb2Paths {
    private static final String INVALID = "<>\"/|?*:";

    private Smb2Paths() {}

    /** The components of a share-relative path; empty for the root. */
    static List<String> components(String path) throws Smb2ProtocolException {
        String p = path;
        if (p.endsWith("::$DATA")) {
            p = p.substring(0, p.length() - 7);
        }
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        if (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        for (String c : p.split("\\\\", -1)) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "bad component in '" + path + "'");
            }
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (ch < 0x20 || INVALID.indexOf(ch) >= 0) {
                    throw new Smb2ProtocolException(
                            NtStatus.STATUS_OBJECT_NAME_INVALID, "bad character in '" + path + "'");
                }
            }
            out.add(c);
        }
        return out;
    }

    /** A found entry: the object and its name as stored. */
    record Found(FileId id, String name) {}

    /** Looks a name up in a directory, exactly first, then ignoring case; null if absent. */
    static Found lookup(VirtualFileSystem fs, FileId dir, String name) throws FsException {
        try {
            return new Found(fs.lookup(dir, name), name);
        } catch (FsException e) {
            if (e.error() != FsError.NOT_FOUND) {
                throw e;
            }
        }
        long cookie = 0;
        while (true) {
            DirPage page = fs.readDirectory(dir, cookie, 512);
            for (DirEntry e : page.entries()) {
                if (e.name().equalsIgnoreCase(name)) {
                    return new Found(e.id(), e.name());
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return null;
            }
        }
    }

    /** Walks all but the last component; STATUS_OBJECT_PATH_NOT_FOUND when one is missing or a file. */
    static FileId parent(VirtualFileSystem fs, List<String> comps) throws FsException, Smb2ProtocolException {
        FileId dir = fs.root();
        for (int i = 0; i < comps.size() - 1; i++) {
            Found f = lookup(fs, dir, comps.get(i));
            if (f == null || !fs.getAttributes(f.id()).isDirectory()) {
                throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, "no directory " + comps.get(i));
            }
            dir = f.id();
        }
        return dir;
    }
}
