package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.ops.BreakDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a scenario's expectations over a recorded history. Pure: works on a history loaded
 * from run.json as well as on a live one.
 */
public final class Checks {
    /** The step id under which the runner records the read for a content expectation. */
    public static String contentStep(Expectation e) {
        return "expect:content:" + e.protocol() + ":" + e.path();
    }

    /** The step id under which a caching client's flush of the write made by {@code writeStep} is recorded. */
    public static String flushStep(String writeStep) {
        return writeStep + ":flush";
    }

    /** The op of the engine's INFO event that ends the scenario's own steps (content reads follow). */
    public static final String CHECKS_START = "checks.start";

    private Checks() {}

    /** The first ok/fail recorded for {@code step}. */
    static Optional<HistoryEvent> completion(List<HistoryEvent> history, String step) {
        return history.stream()
                .filter(h -> step.equals(h.step())
                        && (h.kind() == EventKind.OK || h.kind() == EventKind.ACK || h.kind() == EventKind.FAIL))
                .findFirst();
    }

    /** One evaluated expectation. */
    public record Outcome(Expectation expectation, boolean held, String reason) {}

    public static List<Outcome> evaluate(Scenario scenario, List<HistoryEvent> history) {
        List<Outcome> out = new ArrayList<>();
        for (Expectation e : scenario.expectations()) {
            out.add(
                    switch (e.expect()) {
                        case Expectation.BREAK -> breakCheck(e, history);
                        case Expectation.NO_BREAK -> noBreakCheck(e, history);
                        case Expectation.CONTENT -> contentCheck(e, history);
                        case Expectation.NO_LOST_WRITE -> LostWriteCheck.evaluate(scenario, e, history);
                        case Expectation.ACK_BEFORE -> ackBeforeCheck(e, history);
                        case Expectation.LATENCY -> latencyCheck(e, history);
                        default -> new Outcome(e, false, "unknown expectation " + e.expect());
                    });
        }
        return out;
    }

    private static List<HistoryEvent> breaksOf(String client, List<HistoryEvent> history) {
        return history.stream()
                .filter(h -> h.kind() == EventKind.BREAK && client.equals(h.client()))
                .toList();
    }

    private static Outcome breakCheck(Expectation e, List<HistoryEvent> history) {
        int to = LeaseBits.parse(e.to());
        List<HistoryEvent> breaks = breaksOf(e.client(), history);
        Optional<HistoryEvent> match = breaks.stream()
                .filter(h -> {
                    BreakDetail d = BreakDetail.parse(h.detail());
                    return d.to() == to && (e.ackRequired() == null || d.ackRequired() == e.ackRequired());
                })
                .findFirst();
        if (match.isEmpty()) {
            List<String> seen = breaks.stream()
                    .map(h -> BreakDetail.parse(h.detail()).toString())
                    .toList();
            return new Outcome(
                    e,
                    false,
                    "expected " + e.describe() + ", but " + e.client()
                            + (seen.isEmpty() ? " received no lease break" : " received only " + seen));
        }
        HistoryEvent br = match.get();
        if (e.before() != null) {
            Optional<HistoryEvent> done = history.stream()
                    .filter(h -> e.before().equals(h.step())
                            && (h.kind() == EventKind.OK || h.kind() == EventKind.ACK || h.kind() == EventKind.FAIL))
                    .findFirst();
            if (done.isEmpty()) {
                return new Outcome(e, false, "step " + e.before() + " never completed, cannot order the break");
            }
            if (br.index() >= done.get().index()) {
                return new Outcome(
                        e,
                        false,
                        String.format(
                                Locale.ROOT,
                                "%s received the break %s %.3f ms after step %s completed",
                                e.client(),
                                BreakDetail.parse(br.detail()),
                                (br.nanos() - done.get().nanos()) / 1e6,
                                e.before()));
            }
            return new Outcome(
                    e,
                    true,
                    String.format(
                            Locale.ROOT,
                            "%s received %s %.3f ms before %s completed",
                            e.client(),
                            BreakDetail.parse(br.detail()),
                            (done.get().nanos() - br.nanos()) / 1e6,
                            e.before()));
        }
        return new Outcome(e, true, e.client() + " received " + BreakDetail.parse(br.detail()));
    }

    private static Outcome ackBeforeCheck(Expectation e, List<HistoryEvent> history) {
        Optional<HistoryEvent> ack = history.stream()
                .filter(h -> e.client().equals(h.client()) && h.kind() == EventKind.INVOKE && "smb.ack".equals(h.op()))
                .filter(h -> e.after() == null || h.index() > invokedAt(history, e.after()))
                .findFirst();
        Optional<HistoryEvent> done = completion(history, e.before());
        if (ack.isEmpty()) {
            return new Outcome(e, false, e.client() + " never sent a lease break acknowledgment");
        }
        if (done.isEmpty()) {
            return new Outcome(e, false, "step " + e.before() + " never completed, cannot order the ack");
        }
        double ms = (done.get().nanos() - ack.get().nanos()) / 1e6;
        return done.get().index() > ack.get().index()
                ? new Outcome(
                        e,
                        true,
                        String.format(
                                Locale.ROOT, "%s completed %.3f ms after %s sent its ack", e.before(), ms, e.client()))
                : new Outcome(
                        e,
                        false,
                        String.format(
                                Locale.ROOT,
                                "%s completed %.3f ms before %s sent its ack (the NFS reply must wait for the ack)",
                                e.before(),
                                -ms,
                                e.client()));
    }

    /** The history index at which {@code step} was invoked, or Long.MAX_VALUE if never. */
    private static long invokedAt(List<HistoryEvent> history, String step) {
        return history.stream()
                .filter(h -> step.equals(h.step()) && h.kind() == EventKind.INVOKE)
                .mapToLong(HistoryEvent::index)
                .findFirst()
                .orElse(Long.MAX_VALUE);
    }

    private static Outcome latencyCheck(Expectation e, List<HistoryEvent> history) {
        Optional<HistoryEvent> inv = history.stream()
                .filter(h -> e.step().equals(h.step()) && h.kind() == EventKind.INVOKE)
                .findFirst();
        Optional<HistoryEvent> done = completion(history, e.step());
        if (inv.isEmpty() || done.isEmpty()) {
            return new Outcome(e, false, "step " + e.step() + " never completed, no latency");
        }
        long nanos = done.get().nanos() - inv.get().nanos();
        String took = String.format(Locale.ROOT, "step %s took %.1f ms", e.step(), nanos / 1e6);
        if (e.atLeast() != null && nanos < e.atLeast().toNanos()) {
            return new Outcome(e, false, took + ", less than " + e.atLeast());
        }
        if (e.atMost() != null && nanos > e.atMost().toNanos()) {
            return new Outcome(e, false, took + ", more than " + e.atMost());
        }
        return new Outcome(e, true, took);
    }

    private static Outcome noBreakCheck(Expectation e, List<HistoryEvent> history) {
        long end = history.stream()
                .filter(h -> h.kind() == EventKind.INFO && CHECKS_START.equals(h.op()))
                .mapToLong(HistoryEvent::index)
                .findFirst()
                .orElse(Long.MAX_VALUE);
        long start = e.after() == null
                ? Long.MIN_VALUE
                : history.stream()
                        .filter(h -> e.after().equals(h.step()) && h.kind() == EventKind.INVOKE)
                        .mapToLong(HistoryEvent::index)
                        .findFirst()
                        .orElse(Long.MAX_VALUE);
        List<HistoryEvent> breaks = breaksOf(e.client(), history).stream()
                .filter(h -> h.index() >= start && h.index() < end)
                .toList();
        return breaks.isEmpty()
                ? new Outcome(
                        e,
                        true,
                        e.client() + " received no break" + (e.within() != null ? " within " + e.within() : ""))
                : new Outcome(
                        e,
                        false,
                        "expected no break at " + e.client() + ", but it received "
                                + BreakDetail.parse(breaks.get(0).detail()));
    }

    private static Outcome contentCheck(Expectation e, List<HistoryEvent> history) {
        String step = contentStep(e);
        Optional<HistoryEvent> done = history.stream()
                .filter(h -> step.equals(h.step())
                        && (h.kind() == EventKind.OK || h.kind() == EventKind.ACK || h.kind() == EventKind.FAIL))
                .findFirst();
        if (done.isEmpty()) {
            return new Outcome(e, false, "the " + e.protocol() + " read of " + e.path() + " was not performed");
        }
        if (done.get().kind() == EventKind.FAIL) {
            return new Outcome(
                    e,
                    false,
                    "the " + e.protocol() + " read of " + e.path() + " failed: "
                            + done.get().detail());
        }
        String got = done.get().detail();
        return e.value().equals(got)
                ? new Outcome(e, true, e.protocol() + " reads \"" + got + "\" from " + e.path())
                : new Outcome(
                        e,
                        false,
                        "expected " + e.protocol() + " read of " + e.path() + " to return \"" + e.value() + "\", got \""
                                + got + "\"");
    }
}
