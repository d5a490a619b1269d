package io.interlock.scenarios.gen;

import java.util.Objects;

/**
 * What a {@link Shrinker} run produced: the smallest failing sequence found ({@code shrunk}, equal
 * to {@code original} when nothing smaller failed or the failure did not reproduce), how many
 * reruns it took, how many candidates were kept, and why it stopped.
 */
public record ShrinkResult(Choices original, Choices shrunk, int runs, int accepted, Stop stop) {
    /** Why shrinking stopped. */
    public enum Stop {
        /** No pass found a smaller failing sequence: a local minimum. */
        FIXPOINT,
        /** The budget's run limit was reached. */
        MAX_RUNS,
        /** The budget's deadline passed. */
        DEADLINE,
        /** The original sequence did not fail when rerun: the failure is not reproducible. */
        NOT_REPRODUCED
    }

    public ShrinkResult {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(shrunk, "shrunk");
        Objects.requireNonNull(stop, "stop");
    }

    /** Whether the shrunk sequence is known to fail (everything but {@link Stop#NOT_REPRODUCED}). */
    public boolean reproduced() {
        return stop != Stop.NOT_REPRODUCED;
    }
}
