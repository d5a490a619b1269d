package io.interlock.server.core.vfs;

import java.nio.charset.StandardCharsets;

/** The name rules of the {@link VirtualFileSystem} contract, shared by every store. */
public final class VfsNames {
    private VfsNames() {}

    /**
     * Validates one path component: 1 to {@value VirtualFileSystem#MAX_NAME_BYTES} bytes of UTF-8,
     * no '/' or NUL, not "." or "..".
     *
     * @throws FsException INVALID_NAME or NAME_TOO_LONG
     */
    public static void check(String name) throws FsException {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new FsException(FsError.INVALID_NAME, "invalid name '" + name + "'");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new FsException(FsError.INVALID_NAME, "name contains '/' or NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > VirtualFileSystem.MAX_NAME_BYTES) {
            throw new FsException(
                    FsError.NAME_TOO_LONG, "name longer than " + VirtualFileSystem.MAX_NAME_BYTES + " bytes");
        }
    }
}
