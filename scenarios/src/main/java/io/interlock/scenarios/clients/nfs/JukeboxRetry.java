package io.interlock.scenarios.clients.nfs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often an operation answered NFS3ERR_JUKEBOX is retried. nfs-client-java does not retry
 * JUKEBOX itself (quirk q10); the Linux client waits 5 s between tries, we default to a short,
 * bounded linear back-off so a scenario under the JUKEBOX break policy finishes quickly.
 *
 * @param maxAttempts total attempts including the first (at least 1)
 * @param delay wait before the n-th retry is {@code delay * n}
 */
public record JukeboxRetry(int maxAttempts, Duration delay) {
    private static final Logger log = LoggerFactory.getLogger(JukeboxRetry.class);

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

    /** One whole client operation, run again from the start on NFS3ERR_JUKEBOX. */
    @FunctionalInterface
    public interface Operation<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code op}; while it fails with NFS3ERR_JUKEBOX and attempts remain, tells {@code
     * observer} (on the calling thread), waits {@code delay * attempt} and runs it again.
     */
    public <T> T run(String what, NfsClient.JukeboxObserver observer, Operation<T> op) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return op.run();
            } catch (Nfs3StatusException e) {
                if (e.status() != Nfs3Status.NFS3ERR_JUKEBOX.value() || attempt >= maxAttempts) {
                    throw e;
                }
                log.debug("{}: NFS3ERR_JUKEBOX, retry {} of {}", what, attempt, maxAttempts - 1);
                observer.jukebox(what, attempt);
                try {
                    // the protocol's back-off between retries (what a client does), not test synchronisation
                    Thread.sleep(delay.toMillis() * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(what + " interrupted during JUKEBOX back-off");
                }
            }
        }
    }
}
