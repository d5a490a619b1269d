package io.interlock.server.nfs.nlm;

import io.interlock.server.core.time.ServerClock;
import java.time.Duration;

/**
 * The grace period after start (R-NLM-9; RFC 1813 §6; Linux grace = lease time, 90 s): while it
 * lasts only reclaims may lock; afterwards reclaims are refused (as knfsd does: a reclaim outside
 * grace cannot be checked against what the client held before).
 */
final class NlmGrace {
    private final ServerClock clock;
    private final long endNanos;

    NlmGrace(ServerClock clock, Duration grace) {
        this.clock = clock;
        this.endNanos = clock.nanoTime() + grace.toNanos();
    }

    boolean active() {
        return clock.nanoTime() - endNanos < 0;
    }
}
