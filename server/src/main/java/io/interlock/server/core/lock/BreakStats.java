package io.interlock.server.core.lock;

/**
 * Durations of finished breaks for one trigger, measured on the server clock from the first
 * notification until the holder acknowledged down to what was required, closed, or timed out
 * (R-XP-13 cross_protocol_break_duration).
 *
 * @param count breaks finished
 * @param timedOut of those, how many ended at the timeout
 * @param totalNanos sum of durations
 * @param maxNanos longest duration
 */
public record BreakStats(long count, long timedOut, long totalNanos, long maxNanos) {
    BreakStats plus(long nanos, boolean byTimeout) {
        return new BreakStats(count + 1, timedOut + (byTimeout ? 1 : 0), totalNanos + nanos, Math.max(maxNanos, nanos));
    }
}
