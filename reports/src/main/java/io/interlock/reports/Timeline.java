package io.interlock.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A scenario's history as the renderers show it: ordered by time, with the failing step marked. */
final class Timeline {
    private final List<HistoryEvent> events;
    private final List<String> clients;
    private final Set<String> failedSteps;
    private final long t0;

    private Timeline(ScenarioResult s) {
        List<HistoryEvent> sorted = new ArrayList<>(s.history());
        // breaks are recorded from the client's receive thread: time order, not recording order,
        // is what shows whether a break came before a reply
        sorted.sort((x, y) ->
                x.nanos() != y.nanos() ? Long.compare(x.nanos(), y.nanos()) : Long.compare(x.index(), y.index()));
        this.events = List.copyOf(sorted);
        Set<String> cs = new LinkedHashSet<>();
        for (HistoryEvent e : s.history()) {
            cs.add(e.client());
        }
        this.clients = List.copyOf(cs);
        this.failedSteps = failedSteps(s);
        this.t0 = sorted.isEmpty() ? 0 : sorted.get(0).nanos();
    }

    static Timeline of(ScenarioResult s) {
        return new Timeline(s);
    }

    List<HistoryEvent> events() {
        return events;
    }

    /** Clients in order of first appearance. */
    List<String> clients() {
        return clients;
    }

    /** Steps a failing scenario's reason names (in history order); empty for passing verdicts. */
    Set<String> failedSteps() {
        return failedSteps;
    }

    /** True for the events of a failed step and for the engine's own failures. */
    boolean isFailure(HistoryEvent e) {
        return (e.step() != null && failedSteps.contains(e.step()))
                || ("engine".equals(e.client()) && e.kind() == EventKind.FAIL);
    }

    /** Milliseconds since the first event. */
    String millis(HistoryEvent e) {
        return String.format(Locale.ROOT, "%.3f", (e.nanos() - t0) / 1e6);
    }

    /**
     * The steps of a FAIL or ERROR that failed: those the reason names as "step ID" (the engine's
     * "step b-write (nfs.write) failed: ...", "step b-write took ..."); else those it names at all
     * (a check's "before b-write completes"); else those whose operation failed, so a reviewer
     * still sees where the history went wrong.
     */
    private static Set<String> failedSteps(ScenarioResult s) {
        Set<String> out = new LinkedHashSet<>();
        if (!s.failed()) {
            return out;
        }
        String reason = s.reason() == null ? "" : s.reason();
        for (HistoryEvent e : s.history()) {
            if (e.step() != null && mentions(reason, "step " + e.step())) {
                out.add(e.step());
            }
        }
        if (out.isEmpty()) {
            for (HistoryEvent e : s.history()) {
                if (e.step() != null && mentions(reason, e.step())) {
                    out.add(e.step());
                }
            }
        }
        if (out.isEmpty()) {
            for (HistoryEvent e : s.history()) {
                if (e.step() != null && e.kind() == EventKind.FAIL) {
                    out.add(e.step());
                }
            }
        }
        return out;
    }

    private static boolean mentions(String text, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(word) + "(?![A-Za-z0-9_-])")
                .matcher(text)
                .find();
    }

    /** One line per event: time, client, kind, operation, detail, step; failed steps marked. */
    String text() {
        StringBuilder b = new StringBuilder();
        for (HistoryEvent e : events) {
            b.append(isFailure(e) ? "> " : "  ")
                    .append(String.format(
                            Locale.ROOT,
                            "%9s ms  %-6s %-6s %s",
                            millis(e),
                            e.client(),
                            e.kind(),
                            e.op() == null ? "" : e.op()));
            if (e.detail() != null && !e.detail().isEmpty()) {
                b.append("  ").append(e.detail());
            }
            if (e.step() != null) {
                b.append("  [").append(e.step()).append(']');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
