package io.interlock.server.core.lock;

/**
 * A non-empty range of bytes with unsigned 64-bit bounds: {@code offset} to {@code last}
 * inclusive. Built from an NLM-style (offset, length) where length 0 means "to the end of the
 * largest possible file", covering bytes appended later (XNFS; RFC 1813 §6: l_len = 0).
 *
 * <p>A range whose offset + length exceeds 2^64 is rejected, never wrapped (R-NLM-8): adapters
 * check {@link #isValid} first and answer NLM4_FBIG / STATUS_INVALID_LOCK_RANGE. SMB zero-length
 * locks have no representation here; the SMB adapter treats them itself.
 *
 * @param offset first byte (unsigned)
 * @param last last byte, inclusive (unsigned); {@link #MAX} for "to infinity"
 */
public record ByteRange(long offset, long last) {
    /** The largest unsigned offset, 2^64 - 1. */
    public static final long MAX = -1L;

    public ByteRange {
        if (Long.compareUnsigned(offset, last) > 0) {
            throw new IllegalArgumentException("range end before its start");
        }
    }

    /** Whether (offset, length) makes a valid range: offset + length ≤ 2^64, length 0 = to infinity. */
    public static boolean isValid(long offset, long length) {
        return length == 0 || Long.compareUnsigned(length - 1, MAX - offset) <= 0;
    }

    /**
     * The range of {@code length} bytes at {@code offset}, both unsigned; length 0 = to infinity.
     *
     * @throws IllegalArgumentException if offset + length exceeds 2^64
     */
    public static ByteRange of(long offset, long length) {
        if (!isValid(offset, length)) {
            throw new IllegalArgumentException(
                    "range " + Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length) + " exceeds 2^64");
        }
        return new ByteRange(offset, length == 0 ? MAX : offset + length - 1);
    }

    /** Everything from offset 0 on. */
    public static ByteRange all() {
        return new ByteRange(0, MAX);
    }

    /** The NLM length: 0 when the range runs to infinity. */
    public long length() {
        return last == MAX ? 0 : last - offset + 1;
    }

    public boolean toInfinity() {
        return last == MAX;
    }

    public boolean overlaps(ByteRange o) {
        return Long.compareUnsigned(offset, o.last) <= 0 && Long.compareUnsigned(o.offset, last) <= 0;
    }

    public boolean contains(ByteRange o) {
        return Long.compareUnsigned(offset, o.offset) <= 0 && Long.compareUnsigned(o.last, last) <= 0;
    }

    /** True when {@code o} starts right after this range ends. */
    boolean isFollowedBy(ByteRange o) {
        return last != MAX && last + 1 == o.offset;
    }

    @Override
    public String toString() {
        return "[" + Long.toUnsignedString(offset) + ".." + (last == MAX ? "∞" : Long.toUnsignedString(last)) + "]";
    }
}
