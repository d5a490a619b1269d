package io.interlock.scenarios.gen;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How long the {@link Shrinker} may work: at most {@code maxRuns} reruns of the program (the
 * first rerun, which confirms the failure, included), and no rerun started once {@code clock}
 * reads {@code deadline} or later. The clock is injected (a monotonic nanosecond source in
 * production, a counter in tests) and only compared with the deadline, so any unit works.
 */
public record ShrinkBudget(int maxRuns, LongSupplier clock, long deadline) {
    public ShrinkBudget {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1: " + maxRuns);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** At most {@code maxRuns} reruns, no deadline. */
    public static ShrinkBudget runs(int maxRuns) {
        return new ShrinkBudget(maxRuns, () -> 0L, Long.MAX_VALUE);
    }

    /** At most {@code maxRuns} reruns, none started at or after {@code deadline} on {@code clock}. */
    public static ShrinkBudget until(int maxRuns, LongSupplier clock, long deadline) {
        return new ShrinkBudget(maxRuns, clock, deadline);
    }
}
