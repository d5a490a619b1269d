package io.interlock.server.smb2.session;

import java.util.BitSet;

/**
 * Connection.CommandSequenceWindow ([MS-SMB2] 3.3.1.1): the message ids a client may use next.
 * It starts as {0}; every credit granted adds the next id at the top; a request consumes its
 * MessageId and, with a multi-credit charge, the ids after it. An id below the window, above it,
 * or already used is invalid and the server disconnects (3.3.5.2.3). Thread-safe.
 */
public final class Smb2MessageWindow {
    /** Most ids tracked between the lowest unused one and the top: a gap the client never fills. */
    static final long MAX_SPAN = 1L << 20;

    /** Every id below this was used. */
    private long low;
    /** Ids in [low, high) were granted. */
    private long high = 1;
    /** Bit i: id low + i was used. */
    private BitSet used = new BitSet();

    /**
     * Consumes {@code charge} ids from {@code first} on (ids are unsigned 64-bit).
     *
     * @return false when any of them is outside the window or was already used
     */
    public synchronized boolean consume(long first, int charge) {
        int n = Math.max(1, charge);
        long offset = first - low;
        if (Long.compareUnsigned(first, low) < 0 || offset < 0 || offset > high - low - n) {
            return false;
        }
        int at = (int) offset;
        int clash = used.nextSetBit(at);
        if (clash >= 0 && clash < at + n) {
            return false;
        }
        used.set(at, at + n);
        int advance = used.nextClearBit(0);
        if (advance > 0) {
            low += advance;
            used = used.get(advance, Math.max(advance, used.length()));
        }
        return true;
    }

    /** Adds {@code credits} ids at the top of the window. */
    public synchronized void grant(int credits) {
        if (credits > 0 && high - low + credits <= MAX_SPAN) {
            high += credits;
        }
    }

    /** Ids the client may still use (for logs and tests). */
    public synchronized long available() {
        return high - low - used.cardinality();
    }
}
