package io.interlock.server.core.vfs;

/**
 * The one error vocabulary of the core. Each protocol has exactly one mapper from these values to
 * its wire status (nfsstat3, NTSTATUS); core never knows about wire codes.
 */
public enum FsError {
    /** The object named does not exist. */
    NOT_FOUND,
    /** The name already exists (exclusive create, mkdir, link). */
    EXISTS,
    /** A directory was required. */
    NOT_DIRECTORY,
    /** A non-directory was required (e.g. remove() on a directory, write to a directory). */
    IS_DIRECTORY,
    /** rmdir of a directory that still has entries; rename onto a non-empty directory. */
    NOT_EMPTY,
    /** The name is syntactically invalid: empty, contains '/', NUL, or is "." / ".." where not allowed. */
    INVALID_NAME,
    /** The name is longer than {@link VirtualFileSystem#MAX_NAME_BYTES} bytes in UTF-8. */
    NAME_TOO_LONG,
    /** Invalid argument (rename a directory into its own subtree, negative offset, ...). */
    INVALID_ARGUMENT,
    /** The id refers to an object that existed but was removed. */
    STALE,
    /** The caller lacks permission. */
    ACCESS_DENIED,
    /** The store refuses writes. */
    READ_ONLY,
    /** No space left in the store. */
    NO_SPACE,
    /** offset + length exceeds the maximum file size. */
    FILE_TOO_LARGE,
    /** Operation not supported by this store. */
    NOT_SUPPORTED,
    /** Cross-device link or rename. */
    CROSS_DEVICE,
    /** A guarded update found attributes changed (NFS SETATTR guard). */
    NOT_SYNC,
    /** Directory cookie no longer valid. */
    BAD_COOKIE,
    /** Unexpected failure of the backing store. */
    IO
}
