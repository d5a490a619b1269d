package io.interlock.scenarios.gen;

/** Progress of a {@link Shrinker}: called once after every rerun, on the shrinking thread. */
@FunctionalInterface
public interface ShrinkListener {
    ShrinkListener NONE = step -> {};

    void onStep(ShrinkStep step);
}
