package io.interlock.server.core.lock;

import java.time.Duration;

/**
 * Lock manager settings.
 *
 * @param breakTimeout how long a holder has to acknowledge a break before its lease is forced to
 *     NONE ([MS-SMB2] 3.3.2.5; 35 s by default)
 */
public record LockManagerConfig(Duration breakTimeout) {
    public static final Duration DEFAULT_BREAK_TIMEOUT = Duration.ofSeconds(35);

    public static LockManagerConfig defaults() {
        return new LockManagerConfig(DEFAULT_BREAK_TIMEOUT);
    }
}
