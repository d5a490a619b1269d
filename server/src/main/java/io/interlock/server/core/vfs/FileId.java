package io.interlock.server.core.vfs;

/**
 * Identity of one file-system object inside one {@link VirtualFileSystem}.
 *
 * <p>A {@code FileId} is never reused for another object within the same store, even after the
 * object is removed, so a protocol handle that embeds it can tell a live object from a deleted
 * one (NFS3ERR_STALE, STATUS_FILE_CLOSED). Stores that persist data keep ids stable across
 * restarts so that handles stay valid (RFC 1813 §4.4: handles must survive a server reboot).
 *
 * @param value the object number, unique for the lifetime of the store; never 0
 */
public record FileId(long value) {
    public FileId {
        if (value == 0) {
            throw new IllegalArgumentException("FileId 0 is reserved");
        }
    }

    @Override
    public String toString() {
        return "#" + Long.toUnsignedString(value);
    }
}
