package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.vfs.FileId;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocking LOCK requests between their BLOCKED reply and the end of their GRANTED callback, by
 * (file, owner, range, type): what CANCEL looks up (R-NLM-6) and what makes a re-sent LOCK
 * idempotent. The queue itself, and its FIFO grants, live in the {@link LockManager}.
 *
 * <p>Lock order: this table's monitor may be held while calling the lock manager, never the other
 * way round (the manager completes its futures after releasing its monitor).
 */
final class NlmBlockedTable {
    record Key(FileId file, LockOwner owner, ByteRange range, boolean exclusive) {}

    /** One blocked request. Mutable fields are guarded by the table. */
    static final class Blocked {
        final Key key;
        final Nlm4Lock alock;
        final int version;
        final SocketAddress client;
        /** Came as LOCK_MSG: the grant goes back as GRANTED_MSG, answered by GRANTED_RES. */
        final boolean async;
        /** Null while the request still waits for a lease break (R-XP-8). */
        LockManager.PendingLock pending;
        /** Set by CANCEL or FREE_ALL: no lock may be kept for this request. */
        boolean cancelled;

        Blocked(Key key, Nlm4Lock alock, int version, SocketAddress client, boolean async) {
            this.key = key;
            this.alock = alock;
            this.version = version;
            this.client = client;
            this.async = async;
        }

        /** Caller holds the table. True once the lock manager has taken the lock for this request. */
        boolean granted() {
            return pending != null
                    && pending.granted().isDone()
                    && !pending.granted().isCompletedExceptionally();
        }
    }

    /** Guarded by this. */
    private final Map<Key, Blocked> byKey = new HashMap<>();

    /** Adds {@code b}, or returns the request already there under its key. */
    synchronized Blocked putIfAbsent(Blocked b) {
        return byKey.putIfAbsent(b.key, b);
    }

    synchronized Blocked remove(Key key) {
        return byKey.remove(key);
    }

    synchronized void remove(Blocked b) {
        byKey.remove(b.key, b);
    }

    /** Removes and marks cancelled every request of {@code caller} (FREE_ALL, SM_NOTIFY). */
    synchronized List<Blocked> cancelCaller(String caller) {
        List<Blocked> out = new ArrayList<>();
        byKey.values().removeIf(b -> {
            if (b.alock.callerName().equals(caller)) {
                b.cancelled = true;
                out.add(b);
                return true;
            }
            return false;
        });
        return out;
    }

    /** Whether {@code owner} has a request waiting on {@code file}. */
    synchronized boolean waits(FileId file, LockOwner owner) {
        return byKey.keySet().stream()
                .anyMatch(k -> k.file().equals(file) && k.owner().equals(owner));
    }

    synchronized int size() {
        return byKey.size();
    }
}
