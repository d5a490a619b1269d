package io.interlock.server.core.vfs;

/** Kind of a file-system object; values follow NFSv3 {@code ftype3} order (RFC 1813 §2.5). */
public enum FileType {
    REGULAR,
    DIRECTORY,
    SYMLINK
}
