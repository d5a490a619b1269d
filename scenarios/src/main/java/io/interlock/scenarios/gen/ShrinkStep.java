package io.interlock.scenarios.gen;

/**
 * One rerun made by the {@link Shrinker}: its number (1 = the confirming run of the original), the
 * pass that proposed the candidate, the candidate's length, whether it still failed and was kept,
 * and the length of the best sequence after this step.
 */
public record ShrinkStep(int run, String pass, int candidateSize, boolean accepted, int bestSize) {}
