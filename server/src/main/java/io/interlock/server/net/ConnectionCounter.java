package io.interlock.server.net;

import java.util.concurrent.atomic.AtomicInteger;

/** Open connections of one service against its cap ({@code max-connections}). Thread-safe. */
public final class ConnectionCounter {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionCounter(int max) {
        this.max = max;
    }

    /** Takes a slot; false when the service already has {@code max} connections. */
    boolean tryAcquire() {
        while (true) {
            int n = open.get();
            if (n >= max) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        open.decrementAndGet();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
