package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one byte-range table of SMB and NLM locks (ARCHITECTURE.md §1.1; R-XP-10: they conflict both
 * ways). Offsets are unsigned 64-bit; a range is [offset, last] inclusive.
 *
 * <p>Conflicts: locks of different owners conflict when they overlap and either is exclusive. One
 * NLM owner never conflicts with itself (POSIX: the new lock replaces its own where they overlap,
 * locks of one type merge, R-NLM-2, R-NLM-5, R-NLM-7). An SMB open's exclusive request conflicts
 * even with its own overlapping locks. Whether a shared one stacks on its own exclusive lock is
 * implementation-defined (Samba {@code brl_conflict} stacks it, the reference server refuses it;
 * the catalogs are silent): the model calls it unmodelled. SMB locks never merge; an SMB unlock
 * names an exact range ([MS-FSA] 2.1.5.9).
 */
final class Locks {
    private Locks() {}

    /** Whether (offset, length) overflows 2^64 (R-NLM-8); length 0 = to the end. */
    static boolean overflows(long offset, long length) {
        return length != 0 && Long.compareUnsigned(length - 1, -1L - offset) > 0;
    }

    /** The last byte of (offset, length); length 0 = to the end. */
    static long last(long offset, long length) {
        return length == 0 ? RangeLock.TO_END : offset + length - 1;
    }

    /** Every lock that conflicts with the request, in table order. */
    static List<RangeLock> conflicts(Step s, LockOwner owner, long inode, long offset, long last, boolean exclusive) {
        List<RangeLock> out = new ArrayList<>();
        for (RangeLock l : s.locks) {
            if (l.inode() != inode || !l.overlaps(offset, last)) {
                continue;
            }
            if (l.owner().equals(owner)) {
                if (owner instanceof OpenId && exclusive) {
                    out.add(l);
                }
                continue;
            }
            if (l.exclusive() || exclusive) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whether an exclusive lock of {@code open} itself overlaps [offset, last]. */
    static boolean ownExclusiveOverlaps(Step s, OpenId open, long inode, long offset, long last) {
        for (RangeLock l : s.locks) {
            if (l.inode() == inode && l.owner().equals(open) && l.exclusive() && l.overlaps(offset, last)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether SMB I/O by {@code open} on [offset, last] hits a lock (mandatory on the SMB side,
     * R-XP-10): a read is stopped by other owners' exclusive locks; a write by any lock of another
     * owner and by the open's own shared locks (Samba {@code brl_conflict_other}).
     */
    static boolean smbIoConflict(Step s, OpenId open, long inode, long offset, long last, boolean write) {
        for (RangeLock l : s.locks) {
            if (l.inode() != inode || !l.overlaps(offset, last)) {
                continue;
            }
            boolean own = l.owner().equals(open);
            if (write ? !own || !l.exclusive() : !own && l.exclusive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether NFS I/O on [offset, last] hits an SMB lock (R-XP-11, {@link NfsLockPolicy#DENY}): a
     * read hits exclusive SMB locks, a write any SMB lock. NLM locks are advisory.
     */
    static boolean nfsIoConflict(Step s, long inode, long offset, long last, boolean write) {
        for (RangeLock l : s.locks) {
            if (l.inode() == inode
                    && l.owner() instanceof OpenId
                    && l.overlaps(offset, last)
                    && (write || l.exclusive())) {
                return true;
            }
        }
        return false;
    }

    /** Adds an SMB lock (no merging: SMB locks stack). */
    static void insertSmb(Step s, OpenId open, long inode, long offset, long last, boolean exclusive) {
        s.locks.add(new RangeLock(open, inode, offset, last, exclusive, false));
    }

    /** Removes the SMB lock of {@code open} on exactly [offset, last]; false if there is none. */
    static boolean unlockSmb(Step s, OpenId open, long inode, long offset, long last) {
        for (Iterator<RangeLock> it = s.locks.iterator(); it.hasNext(); ) {
            RangeLock l = it.next();
            if (l.owner().equals(open) && l.inode() == inode && l.offset() == offset && l.last() == last) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /**
     * Takes an NLM lock with POSIX semantics: the owner's own locks over the range are replaced (an
     * upgrade or downgrade), and its locks of the same type that overlap or touch merge (R-NLM-2,
     * R-NLM-5).
     */
    static void insertNlm(Step s, ModelInput.NlmOwner owner, long inode, long offset, long last, boolean exclusive) {
        unlockNlm(s, owner, inode, offset, last);
        long start = offset;
        long end = last;
        boolean merged = true;
        while (merged) {
            merged = false;
            for (Iterator<RangeLock> it = s.locks.iterator(); it.hasNext(); ) {
                RangeLock l = it.next();
                if (!l.owner().equals(owner) || l.inode() != inode || l.exclusive() != exclusive) {
                    continue;
                }
                boolean touches = l.overlaps(start, end)
                        || (end != RangeLock.TO_END && end + 1 == l.offset())
                        || (l.last() != RangeLock.TO_END && l.last() + 1 == start);
                if (touches) {
                    it.remove();
                    start = Long.compareUnsigned(l.offset(), start) < 0 ? l.offset() : start;
                    end = Long.compareUnsigned(l.last(), end) > 0 ? l.last() : end;
                    merged = true;
                }
            }
        }
        s.locks.add(new RangeLock(owner, inode, start, end, exclusive, false));
    }

    /** Releases the owner's locks over [offset, last], splitting those that stick out (R-NLM-7). */
    static boolean unlockNlm(Step s, ModelInput.NlmOwner owner, long inode, long offset, long last) {
        boolean changed = false;
        List<RangeLock> keep = new ArrayList<>();
        for (RangeLock l : s.locks) {
            if (!l.owner().equals(owner) || l.inode() != inode || !l.overlaps(offset, last)) {
                keep.add(l);
                continue;
            }
            changed = true;
            if (Long.compareUnsigned(l.offset(), offset) < 0) {
                keep.add(new RangeLock(owner, inode, l.offset(), offset - 1, l.exclusive(), true));
            }
            if (last != RangeLock.TO_END && Long.compareUnsigned(l.last(), last) > 0) {
                keep.add(new RangeLock(owner, inode, last + 1, l.last(), l.exclusive(), true));
            }
        }
        s.locks.clear();
        s.locks.addAll(keep);
        return changed;
    }
}
