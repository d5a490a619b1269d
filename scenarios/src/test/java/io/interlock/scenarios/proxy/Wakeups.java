package io.interlock.scenarios.proxy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A test scheduler's wake-up source: proxy events and client calls completing both bump one
 * counter, so a test can wait for "something happened" without polling (the engine's scheduler
 * gets the client side from ClientActivity instead).
 */
final class Wakeups implements FrameListener {
    private long count;

    synchronized long count() {
        return count;
    }

    synchronized void bump() {
        count++;
        notifyAll();
    }

    /** Waits until the counter moved past {@code seen}, at most {@code max}. */
    synchronized void await(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (count == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    <T> CompletableFuture<T> watch(CompletableFuture<T> f) {
        f.whenComplete((v, e) -> bump());
        return f;
    }

    @Override
    public void arrived(Frame frame) {
        bump();
    }

    @Override
    public void closed(Connection connection) {
        bump();
    }

    /**
     * Delivers whatever is held until {@code done} completes: the simplest scheduling policy.
     *
     * @return how many frames it delivered
     */
    int deliverUntil(WireProxy proxy, CompletableFuture<?> done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        int n = 0;
        while (!done.isDone() && System.nanoTime() < deadline) {
            long seen = count();
            int d = proxy.deliverAll();
            n += d;
            if (d == 0) {
                await(seen, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
        return n;
    }
}
