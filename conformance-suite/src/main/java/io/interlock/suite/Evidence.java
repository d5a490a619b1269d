package io.interlock.suite;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one suite test did and saw, in order: the requests its clients sent, the answers, the breaks
 * and acks. It becomes the test's history in run.json and its timeline in the report, so that a
 * verdict carries its evidence. Thread-safe (break notifications arrive on reader threads).
 */
public final class Evidence {
    private final List<HistoryEvent> events = new ArrayList<>();

    public synchronized void record(String client, EventKind kind, String op, String detail) {
        events.add(new HistoryEvent(
                events.size(), client, kind, op, detail == null ? "" : detail, null, System.nanoTime(), Instant.now()));
    }

    public void invoke(String client, String op, String detail) {
        record(client, EventKind.INVOKE, op, detail);
    }

    public void ok(String client, String op, String detail) {
        record(client, EventKind.OK, op, detail);
    }

    public void fail(String client, String op, String detail) {
        record(client, EventKind.FAIL, op, detail);
    }

    public void info(String client, String op, String detail) {
        record(client, EventKind.INFO, op, detail);
    }

    /** The events so far. */
    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }
}
