package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.util.Locale;

/**
 * Named streams ({@code file:stream}, {@code file:stream:$DATA}; [MS-FSCC] 2.1.5.4) without stream
 * support in the store: a stream is kept as a hidden sibling object named {@code base:stream} (stream
 * name lower-cased, so it matches case-insensitively). Clients cannot name such an object directly
 * (':' is invalid in a path component), directory listings skip it, and deleting the base file
 * through SMB deletes its streams. Each stream is its own FileId, so leases, oplocks, share modes and
 * byte-range locks treat it independently of the base file (R-SMB-20). {@code file::$DATA} is the
 * base file.
 *
 * <p>Limits, documented: renaming the base leaves its streams behind under the old name, NFS sees
 * the hidden objects, and FileStreamInformation is not reported.
 */
final class Smb2Streams {
    private Smb2Streams() {}

    /**
     * A parsed path.
     *
     * @param basePath the path without the stream suffix
     * @param stream the stream name, or null for the base (default) stream
     */
    record Parsed(String basePath, String stream) {}

    static Parsed parse(String path) throws Smb2ProtocolException {
        int slash = path.lastIndexOf('\\');
        String last = path.substring(slash + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            return new Parsed(path, null);
        }
        String base = last.substring(0, colon);
        String rest = last.substring(colon + 1);
        String stream = rest;
        int c2 = rest.indexOf(':');
        if (c2 >= 0) {
            stream = rest.substring(0, c2);
            if (!rest.substring(c2 + 1).equalsIgnoreCase("$DATA")) {
                throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "stream type in '" + path + "'");
            }
        } else if (stream.isEmpty()) {
            throw new Smb2ProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "empty stream in '" + path + "'");
        }
        for (int i = 0; i < stream.length(); i++) {
            char ch = stream.charAt(i);
            if (ch < 0x20 || "\\/:".indexOf(ch) >= 0) {
                throw new Smb2ProtocolException(
                        NtStatus.STATUS_OBJECT_NAME_INVALID, "bad stream name in '" + path + "'");
            }
        }
        String basePath = path.substring(0, slash + 1) + base;
        return new Parsed(basePath, stream.isEmpty() ? null : stream);
    }

    /** The hidden sibling's name for a stream of {@code baseName}. */
    static String hiddenName(String baseName, String stream) {
        return baseName + ":" + stream.toLowerCase(Locale.ROOT);
    }

    /** Whether a directory entry is a hidden stream object. */
    static boolean isStream(String entryName) {
        return entryName.indexOf(':') >= 0;
    }
}
