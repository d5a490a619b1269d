package io.interlock.scenarios.clients.nfs;

import java.time.Duration;

/**
 * How often an operation answered NFS3ERR_JUKEBOX is retried. nfs-client-java does not retry
 * JUKEBOX itself (quirk q10); the Linux client waits 5 s between tries, we default to a short,
 * bounded linear back-off so a scenario under the JUKEBOX break policy finishes quickly.
 *
 * @param maxAttempts total attempts including the first (at least 1)
 * @param delay wait before the n-th retry is {@code delay * n}
 */
public record JukeboxRetry(int maxAttempts, Duration delay) {
    public JukeboxRetry {
        if (maxAttempts < 1 || delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("maxAttempts >= 1 and a non-negative delay are required");
        }
    }

    public static JukeboxRetry defaults() {
        return new JukeboxRetry(20, Duration.ofMillis(100));
    }

    public static JukeboxRetry none() {
        return new JukeboxRetry(1, Duration.ZERO);
    }
}
