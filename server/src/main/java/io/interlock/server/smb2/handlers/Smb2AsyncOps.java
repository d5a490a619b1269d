package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.wire.NtStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests that went async ([MS-SMB2] 3.3.4.2): a CREATE held on a break, a blocking LOCK. Each gets
 * an AsyncId, unique per connection; a CANCEL naming it (or, unsigned-async, the MessageId) completes
 * the request's future with STATUS_CANCELLED (3.3.5.16). A handler whose future can be cancelled
 * must check {@link CompletableFuture#isDone()} on the lane before it applies side effects.
 */
final class Smb2AsyncOps {
    private record Pending(long messageId, CompletableFuture<Smb2Reply> reply) {}

    private final Map<Smb2Connection, Map<Long, Pending>> byConn = new ConcurrentHashMap<>();

    /** Registers a pending request; returns its AsyncId. */
    long register(Smb2Connection conn, long messageId, CompletableFuture<Smb2Reply> reply) {
        long asyncId = conn.nextAsyncId();
        Map<Long, Pending> m = byConn.computeIfAbsent(conn, c -> new ConcurrentHashMap<>());
        m.put(asyncId, new Pending(messageId, reply));
        reply.whenComplete((r, e) -> m.remove(asyncId));
        return asyncId;
    }

    /** CANCEL: by AsyncId when {@code async}, else by MessageId. True if something was cancelled. */
    boolean cancel(Smb2Connection conn, boolean async, long asyncId, long messageId) {
        Map<Long, Pending> m = byConn.get(conn);
        if (m == null) {
            return false;
        }
        for (Map.Entry<Long, Pending> e : m.entrySet()) {
            boolean match = async ? e.getKey() == asyncId : e.getValue().messageId() == messageId;
            if (match) {
                return e.getValue().reply().complete(Smb2Reply.error(NtStatus.STATUS_CANCELLED));
            }
        }
        return false;
    }

    /** Cancels everything pending on a closed connection. */
    void closed(Smb2Connection conn) {
        Map<Long, Pending> m = byConn.remove(conn);
        if (m != null) {
            for (Pending p : m.values()) {
                p.reply().complete(Smb2Reply.error(NtStatus.STATUS_CANCELLED));
            }
        }
    }
}
