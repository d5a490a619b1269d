package io.interlock.server.core.vfs;

import java.time.Instant;

/**
 * Attribute changes to apply in one atomic step. A {@code null} component means "leave unchanged".
 * Times are absolute; a protocol that asks for "server time" resolves it from the server clock
 * before calling the store. Changing {@code size} truncates or zero-extends the data.
 */
public record SetAttributes(
        Integer mode,
        Integer uid,
        Integer gid,
        Long size,
        Instant atime,
        Instant mtime,
        Instant birthTime,
        Integer dosAttributes) {

    /** No change at all. */
    public static final SetAttributes NONE = new SetAttributes(null, null, null, null, null, null, null, null);

    public static SetAttributes mode(int mode) {
        return new SetAttributes(mode, null, null, null, null, null, null, null);
    }

    public static SetAttributes size(long size) {
        return new SetAttributes(null, null, null, size, null, null, null, null);
    }

    public SetAttributes withSize(Long newSize) {
        return new SetAttributes(mode, uid, gid, newSize, atime, mtime, birthTime, dosAttributes);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
