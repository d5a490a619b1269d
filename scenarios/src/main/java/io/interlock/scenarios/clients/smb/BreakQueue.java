package io.interlock.scenarios.clients.smb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The breaks one {@link SmbClient} received: those it still has to handle itself, and those ready
 * to be taken by {@link SmbClient#nextBreak}. Thread-safe: breaks arrive on the receive thread.
 */
final class BreakQueue {
    private final boolean reacts;
    private final Deque<LeaseBreakEvent> unhandled = new ArrayDeque<>(); // guarded by this
    private final Deque<SmbClient.TakenBreak> ready = new ArrayDeque<>(); // guarded by this
    private final Deque<CompletableFuture<SmbClient.TakenBreak>> waiters = new ArrayDeque<>(); // guarded by this

    /** @param reacts whether the client handles breaks itself (else they are taken as they arrive) */
    BreakQueue(boolean reacts) {
        this.reacts = reacts;
    }

    void arrived(LeaseBreakEvent e) {
        Hand h;
        synchronized (this) {
            if (reacts) {
                unhandled.add(e);
                return;
            }
            h = offer(new SmbClient.TakenBreak(e, null));
        }
        complete(h);
    }

    synchronized List<LeaseBreakEvent> unhandled() {
        return new ArrayList<>(unhandled);
    }

    synchronized LeaseBreakEvent takeUnhandled() {
        LeaseBreakEvent e = unhandled.poll();
        if (e == null) {
            throw new IllegalStateException("no unhandled break");
        }
        return e;
    }

    void handled(SmbClient.HandledBreak handled) {
        Hand h;
        synchronized (this) {
            h = offer(new SmbClient.TakenBreak(handled.event(), handled));
        }
        complete(h);
    }

    synchronized CompletableFuture<SmbClient.TakenBreak> next() {
        SmbClient.TakenBreak t = ready.poll();
        if (t != null) {
            return CompletableFuture.completedFuture(t);
        }
        CompletableFuture<SmbClient.TakenBreak> f = new CompletableFuture<>();
        waiters.add(f);
        return f;
    }

    private record Hand(CompletableFuture<SmbClient.TakenBreak> to, SmbClient.TakenBreak value) {}

    /** The oldest live waiter to hand {@code t} to, or null after keeping it for the next taker. */
    private Hand offer(SmbClient.TakenBreak t) {
        CompletableFuture<SmbClient.TakenBreak> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                return new Hand(w, t);
            }
        }
        ready.add(t);
        return null;
    }

    /** Completes outside the monitor (dependants run on this thread); a waiter gone meanwhile gives it back. */
    private void complete(Hand h) {
        if (h != null && !h.to().complete(h.value())) {
            synchronized (this) {
                ready.addFirst(h.value());
            }
        }
    }
}
