package io.interlock.scenarios.engine;

import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.server.faults.Fault;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named scenario from the catalog (one YAML file each).
 *
 * @param id stable id (= file name without .yaml); used by {@code interlock replay}
 * @param title one-line description
 * @param requirements requirement IDs covered (R-XP-1, ...)
 * @param clients client name -> protocol
 * @param steps what the clients do, in order (async steps overlap)
 * @param expectations properties checked over the history
 * @param stepTimeout bound on any single wait (default 10 s)
 * @param server server settings the scenario needs (break policy, timeout, faults); only a target
 *     that controls its server can apply them, others report the scenario SKIPPED
 * @param detects fault points ({@code io.interlock.server.faults.Fault}) this scenario must catch:
 *     with any one of them enabled its verdict must be FAIL (FaultDetectionIT measures this)
 * @param expectFailure the expectation kind whose failure is the predicted outcome, e.g. {@code
 *     lost-write} (= {@code no-lost-write} fails): a known consequence of the configured policy, not
 *     a defect. The verdict is then EXPECTED_FAIL; if that expectation holds, FAIL
 */
public record Scenario(
        String id,
        String title,
        List<String> requirements,
        Map<String, ClientSpec> clients,
        List<Step> steps,
        List<Expectation> expectations,
        Duration stepTimeout,
        ServerSettings server,
        List<String> detects,
        String expectFailure) {

    public Scenario {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        steps = steps == null ? List.of() : List.copyOf(steps);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        stepTimeout = stepTimeout == null ? Duration.ofSeconds(10) : stepTimeout;
        server = server == null ? ServerSettings.NONE : server;
        detects = detects == null ? List.of() : List.copyOf(detects);
        detects.forEach(ServerSettings::fault);
        validate(id, clients, steps, expectations);
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
        return new Scenario(
                id, title, requirements, clients, steps, expectations, stepTimeout, settings, detects, expectFailure);
    }

    /** The fault points of {@link #detects()}. */
    public List<Fault> detectedFaults() {
        return detects.stream().map(ServerSettings::fault).toList();
    }

    public boolean uses(String protocol) {
        return clients.values().stream().anyMatch(c -> c.protocol().equals(protocol))
                || expectations.stream().anyMatch(e -> protocol.equals(e.protocol()));
    }

    private static void validate(
            String id, Map<String, ClientSpec> clients, List<Step> steps, List<Expectation> expectations) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("scenario id is required");
        }
        Set<String> ids = new HashSet<>();
        Set<String> awaited = new HashSet<>();
        for (Step s : steps) {
            String where = "scenario " + id + " step " + s.id();
            if (s.id() == null || !ids.add(s.id())) {
                throw new IllegalArgumentException(where + ": step ids must be present and unique");
            }
            if (!Step.OPS.contains(s.op())) {
                throw new IllegalArgumentException(where + ": unknown op " + s.op() + ", expected one of " + Step.OPS);
            }
            if (s.op().equals("join")) {
                if (s.step() == null || !ids.contains(s.step())) {
                    throw new IllegalArgumentException(where + ": join must name an earlier step");
                }
                continue;
            }
            if (Step.ENGINE_OPS.contains(s.op())) {
                if (s.op().startsWith("share.")
                        && (s.share() == null || s.share().isBlank())) {
                    throw new IllegalArgumentException(where + ": " + s.op() + " needs a share name");
                }
                if (s.op().equals("share.list") && s.present() == null) {
                    throw new IllegalArgumentException(where + ": share.list needs present: true|false");
                }
                if (s.op().equals("server.breaks") && (s.trigger() == null || s.count() == null)) {
                    throw new IllegalArgumentException(where + ": server.breaks needs trigger and count");
                }
                continue;
            }
            ClientSpec c = clients.get(s.client());
            if (c == null) {
                throw new IllegalArgumentException(where + ": unknown client " + s.client());
            }
            if (!s.op().startsWith(c.protocol() + ".")) {
                throw new IllegalArgumentException(where + ": op " + s.op() + " is not a " + c.protocol() + " op");
            }
            if (s.op().equals("smb.await-break")) {
                awaited.add(s.client());
            }
            if (s.op().equals("smb.ack") && !awaited.contains(s.client())) {
                throw new IllegalArgumentException(
                        where + ": smb.ack needs an earlier smb.await-break of " + s.client());
            }
            if (s.op().equals("nfs.setattr") && s.size() == null) {
                throw new IllegalArgumentException(where + ": nfs.setattr needs a size");
            }
            if (s.op().startsWith("nlm.") && s.path() == null) {
                throw new IllegalArgumentException(where + ": " + s.op() + " needs a path");
            }
            if (s.op().equals("smb.lease-state") && s.value() == null) {
                throw new IllegalArgumentException(where + ": smb.lease-state needs a value (the lease state)");
            }
            if (s.mode() != null && !Set.of("guarded", "unchecked", "exclusive").contains(s.mode())) {
                throw new IllegalArgumentException(where + ": mode must be guarded, unchecked or exclusive");
            }
        }
        for (Expectation e : expectations) {
            String where = "scenario " + id + " expectation " + e.describe();
            switch (e.expect() == null ? "" : e.expect()) {
                case Expectation.BREAK, Expectation.NO_BREAK -> {
                    if (!clients.containsKey(e.client())) {
                        throw new IllegalArgumentException(where + ": unknown client " + e.client());
                    }
                    if (e.before() != null && !ids.contains(e.before())) {
                        throw new IllegalArgumentException(where + ": unknown step " + e.before());
                    }
                    if (e.after() != null && !ids.contains(e.after())) {
                        throw new IllegalArgumentException(where + ": unknown step " + e.after());
                    }
                }
                case Expectation.CONTENT -> {
                    if (e.path() == null
                            || e.value() == null
                            || !Set.of("smb", "nfs").contains(e.protocol())) {
                        throw new IllegalArgumentException(where + ": content needs protocol smb|nfs, path, value");
                    }
                }
                case Expectation.NO_LOST_WRITE -> {
                    if (e.path() == null) {
                        throw new IllegalArgumentException(where + ": no-lost-write needs a path");
                    }
                }
                case Expectation.ACK_BEFORE -> {
                    if (!clients.containsKey(e.client()) || e.before() == null || !ids.contains(e.before())) {
                        throw new IllegalArgumentException(where + ": ack-before needs a client and a step id");
                    }
                    if (e.after() != null && !ids.contains(e.after())) {
                        throw new IllegalArgumentException(where + ": unknown step " + e.after());
                    }
                }
                case Expectation.LATENCY -> {
                    if (e.step() == null || !ids.contains(e.step()) || (e.atLeast() == null && e.atMost() == null)) {
                        throw new IllegalArgumentException(where + ": latency needs a step and atLeast and/or atMost");
                    }
                }
                default -> throw new IllegalArgumentException(where + ": unknown expectation " + e.expect());
            }
        }
    }
}
