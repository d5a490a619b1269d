package io.interlock.scenarios.engine;

import io.interlock.scenarios.ops.Step;
import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.server.faults.Fault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A program: clients and the steps they take, with what must hold. The catalog's scenarios (one
 * YAML file each) and the generator's programs are both this; a shrunk failure is printed in the
 * same format so that it can be committed to the catalog as a regression test.
 *
 * @param id stable id (= file name without .yaml); used by {@code interlock replay}
 * @param title one-line description
 * @param requirements requirement IDs covered (R-XP-1, ...)
 * @param clients client name -> what the client is, in declaration order
 * @param steps what the clients do
 * @param ordering {@code script} (the default: each step starts once the one before it completed,
 *     or started if that one is async) or {@code clients} (only each client's own steps are ordered;
 *     the scheduler interleaves the clients)
 * @param expectations hand-written properties beyond the engine's own, checked over the history
 * @param stepTimeout bound on any single wait (default 10 s)
 * @param server server settings the program needs (break policy, timeout, faults); only a target
 *     that controls its server can apply them, others report the program SKIPPED
 * @param detects fault points ({@code io.interlock.server.faults.Fault}) this scenario must catch:
 *     with any one of them enabled its verdict must be FAIL (FaultDetectionIT measures this)
 * @param expectFailure the expectation kind whose failure is the predicted outcome, e.g. {@code
 *     lost-write} (= {@code no-lost-write} fails): a known consequence of the configured policy, not
 *     a defect. The verdict is then EXPECTED_FAIL; if that expectation holds, FAIL
 * @param schedule the scheduler's decisions, as recorded choices ({@link
 *     io.interlock.scenarios.gen.Choices#encode()}): a shrunk failure carries the interleaving that
 *     made it fail, so the committed scenario replays that interleaving, not another (null: the
 *     first possible action each time, i.e. program order with prompt delivery)
 */
public record Scenario(
        String id,
        String title,
        List<String> requirements,
        Map<String, ClientSpec> clients,
        List<Step> steps,
        String ordering,
        List<Expectation> expectations,
        Duration stepTimeout,
        ServerSettings server,
        List<String> detects,
        String expectFailure,
        String schedule) {

    public static final String SCRIPT = "script";
    public static final String CLIENTS = "clients";

    public Scenario {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        clients = clients == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        steps = steps == null ? List.of() : List.copyOf(steps);
        ordering = ordering == null ? SCRIPT : ordering.toLowerCase(Locale.ROOT);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        stepTimeout = stepTimeout == null ? Duration.ofSeconds(10) : stepTimeout;
        server = server == null ? ServerSettings.NONE : server;
        detects = detects == null ? List.of() : List.copyOf(detects);
        detects.forEach(ServerSettings::fault);
        if (!Set.of(SCRIPT, CLIENTS).contains(ordering)) {
            throw new IllegalArgumentException("scenario " + id + ": ordering must be script or clients");
        }
        ProgramCheck.validate(id, clients, steps, expectations);
        if (schedule != null) {
            io.interlock.scenarios.gen.Choices.decode(schedule); // refuses a malformed one here
        }
        if (expectFailure != null
                && expectations.stream().noneMatch(e -> e.expect().equals(expectedFailureKind(expectFailure)))) {
            throw new IllegalArgumentException(
                    "scenario " + id + ": expectFailure " + expectFailure + " names no expectation of the scenario");
        }
    }

    /** The expectation kind an {@code expectFailure} value names: lost-write -> no-lost-write. */
    public static String expectedFailureKind(String expectFailure) {
        return switch (expectFailure) {
            case "lost-write" -> Expectation.NO_LOST_WRITE;
            case "stale-read" -> Expectation.CONTENT;
            default -> expectFailure;
        };
    }

    /** This scenario with other server settings (fault detection adds a fault this way). */
    public Scenario withServer(ServerSettings settings) {
        return copy(id, title, settings, detects, schedule);
    }

    /** This program with the scheduler's decisions {@code choices} (see {@link #schedule()}). */
    public Scenario withSchedule(String choices) {
        return copy(id, title, server, detects, choices);
    }

    /** This program under another id and title (a shrunk failure printed for the catalog). */
    public Scenario named(String newId, String newTitle) {
        return copy(newId, newTitle, server, detects, schedule);
    }

    /**
     * This program with the faults its server settings enable moved to {@link #detects()}: a failure
     * explore found with a fault point on becomes a scenario that passes on a correct server and
     * that fault detection runs with the fault on.
     */
    public Scenario faultsAsDetects() {
        if (server.faults().isEmpty()) {
            return this;
        }
        List<String> d = new java.util.ArrayList<>(detects);
        server.faults().stream().filter(f -> !d.contains(f)).forEach(d::add);
        return copy(id, title, new ServerSettings(server.breakPolicy(), server.breakTimeout(), List.of()), d, schedule);
    }

    /** The same program (clients, steps, expectations) under the id, title, server, detects and schedule given. */
    private Scenario copy(
            String newId, String newTitle, ServerSettings newServer, List<String> newDetects, String newSchedule) {
        return new Scenario(
                newId,
                newTitle,
                requirements,
                clients,
                steps,
                ordering,
                expectations,
                stepTimeout,
                newServer,
                newDetects,
                expectFailure,
                newSchedule);
    }

    /** The fault points of {@link #detects()}. */
    public List<Fault> detectedFaults() {
        return detects.stream().map(ServerSettings::fault).toList();
    }

    public boolean uses(String protocol) {
        return clients.values().stream().anyMatch(c -> c.protocol().equals(protocol))
                || expectations.stream().anyMatch(e -> protocol.equals(e.protocol()));
    }

    /** The step with this id. */
    public Step step(String stepId) {
        for (Step s : steps) {
            if (s.id().equals(stepId)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scenario " + id + " has no step " + stepId);
    }
}
