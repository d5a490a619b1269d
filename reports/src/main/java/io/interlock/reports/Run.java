package io.interlock.reports;

import java.time.Instant;
import java.util.List;

/**
 * One invocation of the suite against one target: what run.json holds.
 *
 * @param startedAt when the run started
 * @param target description of the target (e.g. "embedded smb=127.0.0.1:40123 nfs=...")
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

    /** True when nothing failed or errored. */
    public boolean passed() {
        return count(Verdict.FAIL) == 0 && count(Verdict.ERROR) == 0;
    }
}
