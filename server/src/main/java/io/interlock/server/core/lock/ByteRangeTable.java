package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Pure range algebra for byte-range locks, one list per file (nfs4j style: the algebra here, the
 * synchronisation and waiters in {@link LockManager}). Not thread-safe: the caller holds the lock
 * manager's monitor.
 *
 * <p>POSIX semantics for one owner: a new lock replaces the owner's own locks where they overlap
 * (upgrade or downgrade), and locks of the same owner and type that overlap or touch are merged;
 * unlocking the middle of a lock splits it.
 */
final class ByteRangeTable {
    private final Map<FileId, List<ByteRangeLock>> byFile = new HashMap<>();

    /** The first lock among those {@code visible} that conflicts with the request, if any. */
    Optional<ByteRangeLock> conflict(
            FileId file, LockOwner owner, ByteRange range, boolean exclusive, Predicate<ByteRangeLock> visible) {
        for (ByteRangeLock l : byFile.getOrDefault(file, List.of())) {
            if (l.conflictsWith(owner, range, exclusive) && visible.test(l)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** A shared lock of {@code owner} itself that overlaps {@code range}, if any. */
    Optional<ByteRangeLock> ownShared(FileId file, LockOwner owner, ByteRange range) {
        for (ByteRangeLock l : byFile.getOrDefault(file, List.of())) {
            if (l.owner().equals(owner) && !l.exclusive() && l.range().overlaps(range)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * Inserts a lock known not to conflict; returns the (merged) lock that now covers the range. An
     * owner with {@link LockOwner#ntSemantics()} gets the lock as asked for, beside its others.
     */
    ByteRangeLock insert(FileId file, LockOwner owner, ByteRange range, boolean exclusive) {
        if (owner.ntSemantics()) {
            ByteRangeLock l = new ByteRangeLock(file, owner, range, exclusive);
            List<ByteRangeLock> locks = byFile.computeIfAbsent(file, f -> new ArrayList<>());
            locks.add(l);
            locks.sort(
                    (a, b) -> Long.compareUnsigned(a.range().offset(), b.range().offset()));
            return l;
        }
        remove(file, owner, range);
        List<ByteRangeLock> locks = byFile.computeIfAbsent(file, f -> new ArrayList<>());
        long start = range.offset();
        long last = range.last();
        for (Iterator<ByteRangeLock> it = locks.iterator(); it.hasNext(); ) {
            ByteRangeLock l = it.next();
            if (!l.owner().equals(owner) || l.exclusive() != exclusive) {
                continue;
            }
            ByteRange r = l.range();
            ByteRange cur = new ByteRange(start, last);
            if (r.overlaps(cur) || r.isFollowedBy(cur) || cur.isFollowedBy(r)) {
                it.remove();
                if (Long.compareUnsigned(r.offset(), start) < 0) {
                    start = r.offset();
                }
                if (Long.compareUnsigned(r.last(), last) > 0) {
                    last = r.last();
                }
            }
        }
        ByteRangeLock merged = new ByteRangeLock(file, owner, new ByteRange(start, last), exclusive);
        locks.add(merged);
        locks.sort((a, b) -> Long.compareUnsigned(a.range().offset(), b.range().offset()));
        return merged;
    }

    /**
     * Removes one lock of {@code owner} on exactly {@code range}, an exclusive one if there is one
     * ([MS-FSA] 2.1.5.9: offset and length must match; otherwise STATUS_RANGE_NOT_LOCKED); false
     * when there is none.
     */
    boolean removeExact(FileId file, LockOwner owner, ByteRange range) {
        List<ByteRangeLock> locks = byFile.get(file);
        if (locks == null) {
            return false;
        }
        ByteRangeLock found = null;
        for (ByteRangeLock l : locks) {
            if (l.owner().equals(owner) && l.range().equals(range)) {
                found = l;
                if (l.exclusive()) {
                    break;
                }
            }
        }
        if (found == null) {
            return false;
        }
        locks.remove(found);
        if (locks.isEmpty()) {
            byFile.remove(file);
        }
        return true;
    }

    /** Removes the owner's locks over {@code range}, splitting where needed; true if anything changed. */
    boolean remove(FileId file, LockOwner owner, ByteRange range) {
        return remove(file, owner, range, true);
    }

    /**
     * Removes the owner's locks over {@code range}; true if anything changed. With {@code split}
     * false, a lock that only overlaps the range is dropped whole instead of keeping its parts outside
     * the range (the bug of fault UNLOCK_NO_SPLIT).
     */
    boolean remove(FileId file, LockOwner owner, ByteRange range, boolean split) {
        List<ByteRangeLock> locks = byFile.get(file);
        if (locks == null) {
            return false;
        }
        List<ByteRangeLock> keep = new ArrayList<>(locks.size() + 1);
        boolean changed = false;
        for (ByteRangeLock l : locks) {
            if (!l.owner().equals(owner) || !l.range().overlaps(range)) {
                keep.add(l);
                continue;
            }
            changed = true;
            if (!split) {
                continue;
            }
            ByteRange r = l.range();
            if (Long.compareUnsigned(r.offset(), range.offset()) < 0) {
                keep.add(new ByteRangeLock(file, owner, new ByteRange(r.offset(), range.offset() - 1), l.exclusive()));
            }
            if (Long.compareUnsigned(r.last(), range.last()) > 0) {
                keep.add(new ByteRangeLock(file, owner, new ByteRange(range.last() + 1, r.last()), l.exclusive()));
            }
        }
        if (changed) {
            keep.sort(
                    (a, b) -> Long.compareUnsigned(a.range().offset(), b.range().offset()));
            if (keep.isEmpty()) {
                byFile.remove(file);
            } else {
                byFile.put(file, keep);
            }
        }
        return changed;
    }

    /** Removes every lock matching {@code which}; returns the removed locks. */
    List<ByteRangeLock> removeAll(Predicate<ByteRangeLock> which) {
        List<ByteRangeLock> removed = new ArrayList<>();
        for (Iterator<Map.Entry<FileId, List<ByteRangeLock>>> it =
                        byFile.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<FileId, List<ByteRangeLock>> e = it.next();
            for (Iterator<ByteRangeLock> locks = e.getValue().iterator(); locks.hasNext(); ) {
                ByteRangeLock l = locks.next();
                if (which.test(l)) {
                    locks.remove();
                    removed.add(l);
                }
            }
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        return removed;
    }

    List<ByteRangeLock> on(FileId file) {
        return List.copyOf(byFile.getOrDefault(file, List.of()));
    }

    boolean any(FileId file) {
        return byFile.containsKey(file);
    }
}
