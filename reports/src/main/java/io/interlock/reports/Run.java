package io.interlock.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One invocation of the suite against one target, or several such runs merged: what run.json holds.
 *
 * @param startedAt when the run started (for a merged run: the earliest start)
 * @param target description of the target (e.g. "embedded smb=127.0.0.1:40123 nfs=..."); a
 *     scenario result may name its own ({@link ScenarioResult#target()}), which then wins
 * @param seed the run's seed (each scenario records its own too)
 * @param scenarios results in execution order
 */
public record Run(Instant startedAt, String target, long seed, List<ScenarioResult> scenarios) {

    public Run {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    public long count(Verdict v) {
        return scenarios.stream().filter(s -> s.verdict() == v).count();
    }

    /** True when nothing failed, errored or passed against its baseline ({@link Verdict#failsRun}). */
    public boolean passed() {
        return scenarios.stream().noneMatch(s -> s.verdict().failsRun());
    }

    /** This run with other results (e.g. after a baseline has been applied). */
    public Run withScenarios(List<ScenarioResult> results) {
        return new Run(startedAt, target, seed, results);
    }

    /** The target {@code s} ran against: its own if it names one, else the run's. */
    public String targetOf(ScenarioResult s) {
        return s.target() != null ? s.target() : target;
    }

    /** The distinct targets of the scenarios, in first-seen order (the run's target if there are none). */
    public List<String> targets() {
        List<String> out = scenarios.isEmpty()
                ? Stream.of(target).filter(Objects::nonNull).toList()
                : scenarios.stream()
                        .map(this::targetOf)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
        return out;
    }

    /** The distinct seeds of the scenarios, in first-seen order (the run's seed if there are none). */
    public List<Long> seeds() {
        if (scenarios.isEmpty()) {
            return List.of(seed);
        }
        return scenarios.stream().map(ScenarioResult::seed).distinct().toList();
    }

    /**
     * Merges runs (e.g. the shards of one CI pipeline) into one: every scenario result is kept, in
     * the order given, attributed to the target of the run it came from. The merged run starts at
     * the earliest start, carries the first run's seed, and names its target after the distinct
     * targets.
     */
    public static Run merge(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        List<ScenarioResult> all = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Run r : runs) {
            for (ScenarioResult s : r.scenarios()) {
                all.add(s.target() != null || r.target() == null ? s : s.withTarget(r.target()));
            }
            for (String t : r.targets()) {
                if (!targets.contains(t)) {
                    targets.add(t);
                }
            }
        }
        Instant started = runs.stream()
                .map(Run::startedAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
        String target = targets.size() == 1
                ? targets.get(0)
                : "merged " + runs.size() + " runs on " + targets.size() + " targets";
        return new Run(started, target, runs.get(0).seed(), all);
    }
}
