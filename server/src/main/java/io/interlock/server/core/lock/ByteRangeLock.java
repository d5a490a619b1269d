package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;

/**
 * One held byte-range lock. SMB LOCK and NLM share one table, so these conflict across protocols
 * (ARCHITECTURE.md §1.1, R-XP-10).
 *
 * @param file the locked file
 * @param owner who holds it
 * @param range the bytes
 * @param exclusive true for an exclusive (write) lock, false for a shared (read) lock
 */
public record ByteRangeLock(FileId file, LockOwner owner, ByteRange range, boolean exclusive) {
    /** Whether a request by {@code other} for {@code r} ({@code excl}) conflicts with this lock. */
    public boolean conflictsWith(LockOwner other, ByteRange r, boolean excl) {
        return !owner.equals(other) && range.overlaps(r) && (exclusive || excl);
    }
}
