package io.interlock.scenarios.clients.rpc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transaction ids of one client: a counter from a seedable start, so two runs with the same
 * seed send the same xids (RFC 5531 §9 leaves the choice to the client; it only has to be unique
 * among the client's outstanding calls). Shared by all connections of one client; thread-safe.
 */
public final class XidSequence {
    private final AtomicInteger next;

    public XidSequence(int seed) {
        this.next = new AtomicInteger(seed);
    }

    /** The next xid (wraps around after 2^32 calls). */
    public int next() {
        return next.getAndIncrement();
    }
}
