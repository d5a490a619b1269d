package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of one scenario run: every operation's invoke and ok/fail, every break received and
 * every ack, with monotonic ({@link System#nanoTime()}) and wall-clock times. Thread-safe: steps of
 * different clients and smbj's receive threads record concurrently.
 */
public final class History {
    private final long seed;
    private final List<HistoryEvent> events = new ArrayList<>(); // guarded by this
    private volatile java.util.function.LongSupplier clock = System::nanoTime;

    public History(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The time source of events from now on (the engine's clock: virtual on a virtual target). */
    public void clock(java.util.function.LongSupplier nanos) {
        this.clock = nanos;
    }

    public HistoryEvent record(String client, EventKind kind, String op, String detail, String step) {
        return record(client, kind, op, detail, step, clock.getAsLong(), Instant.now());
    }

    public synchronized HistoryEvent record(
            String client, EventKind kind, String op, String detail, String step, long nanos, Instant wall) {
        HistoryEvent e = new HistoryEvent(events.size(), client, kind, op, detail, step, nanos, wall);
        events.add(e);
        return e;
    }

    /** The index the next event will get: every event recorded so far has a smaller one. */
    public synchronized long next() {
        return events.size();
    }

    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    /** The completion (OK or FAIL) of a step, if recorded. */
    public synchronized Optional<HistoryEvent> completion(String stepId) {
        return Checks.completion(events, stepId);
    }
}
