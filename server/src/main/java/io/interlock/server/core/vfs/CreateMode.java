package io.interlock.server.core.vfs;

/** What {@link VirtualFileSystem#createFile} does when the name already exists. */
public enum CreateMode {
    /** Fail with {@link FsError#EXISTS}. */
    EXCLUSIVE,
    /**
     * Return the existing regular file unchanged (the caller applies any truncation itself through
     * {@link VirtualFileSystem#setAttributes} so that it can break caches first); fail with
     * {@link FsError#IS_DIRECTORY} if the existing object is a directory.
     */
    OPEN_EXISTING
}
