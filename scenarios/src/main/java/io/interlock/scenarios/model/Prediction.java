package io.interlock.scenarios.model;

import java.util.List;

/**
 * What a correct server may do in reaction to one input: one or more {@link Branch}es, any of which
 * is correct, or "unmodelled" with a reason when the model does not know the input (the checker then
 * counts the window as unchecked instead of passing it).
 */
public record Prediction(List<Branch> branches, String unmodelled) {
    public Prediction {
        branches = List.copyOf(branches);
    }

    public static Prediction of(List<Branch> branches) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a modelled prediction has at least one branch");
        }
        return new Prediction(branches, null);
    }

    public static Prediction unmodelled(String why) {
        return new Prediction(List.of(), why);
    }

    public boolean isUnmodelled() {
        return unmodelled != null;
    }

    /** The only branch (for inputs without choices). */
    public Branch only() {
        if (branches.size() != 1) {
            throw new IllegalStateException(
                    isUnmodelled() ? "unmodelled: " + unmodelled : branches.size() + " branches");
        }
        return branches.get(0);
    }
}
