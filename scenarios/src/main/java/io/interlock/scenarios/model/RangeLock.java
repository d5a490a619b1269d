package io.interlock.scenarios.model;

/**
 * A byte-range lock in the one table of SMB and NLM locks (ARCHITECTURE.md §1.1, R-XP-10).
 *
 * @param offset first byte (unsigned)
 * @param last last byte, inclusive (unsigned); {@link #TO_END} for an NLM l_len of 0
 * @param split what is left of a lock an NLM UNLOCK cut (R-NLM-7), for citing that rule
 */
public record RangeLock(LockOwner owner, long inode, long offset, long last, boolean exclusive, boolean split) {
    /** 2^64 - 1: an NLM lock with l_len 0 covers every byte from l_offset on (R-NLM-8). */
    public static final long TO_END = -1L;

    public boolean overlaps(long o, long l) {
        return Long.compareUnsigned(offset, l) <= 0 && Long.compareUnsigned(o, last) <= 0;
    }

    /** The NLM l_len: 0 when the lock runs to the end. */
    public long length() {
        return last == TO_END ? 0 : last - offset + 1;
    }
}
