package io.interlock.server.core.vfs;

import java.time.Instant;

/**
 * Immutable snapshot of an object's attributes, taken atomically with respect to other operations
 * on the same store.
 *
 * @param id the object's id
 * @param type kind of object
 * @param mode POSIX permission bits (low 12 bits)
 * @param nlink number of directory entries naming this object; a directory counts "." and its
 *     entry in the parent, plus one per subdirectory
 * @param uid owner user id
 * @param gid owner group id
 * @param size end of file in bytes (for a symlink: length of the target; for a directory: a
 *     store-defined size)
 * @param used bytes of storage in use
 * @param atime last data access
 * @param mtime last data modification
 * @param ctime last attribute or data change
 * @param birthTime creation time (SMB CreationTime)
 * @param dosAttributes SMB/FSCC file attribute bits that have no POSIX meaning (READONLY 0x1,
 *     HIDDEN 0x2, SYSTEM 0x4, ARCHIVE 0x20); the DIRECTORY and NORMAL bits are derived by the SMB
 *     adapter and never stored
 * @param changeId monotonically increasing counter bumped on every change of data or attributes;
 *     usable as an NFS change attribute or cache validator
 */
public record FileAttributes(
        FileId id,
        FileType type,
        int mode,
        int nlink,
        int uid,
        int gid,
        long size,
        long used,
        Instant atime,
        Instant mtime,
        Instant ctime,
        Instant birthTime,
        int dosAttributes,
        long changeId) {

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }
}
