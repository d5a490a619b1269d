package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Enumerates every sequence of choices a rule evaluation can make, depth first. The rules run
 * linearly and ask {@link #choose} wherever the catalogs leave the server a choice; the model
 * re-runs the evaluation once per sequence. Evaluations are deterministic, so a given prefix always
 * meets the same choice points.
 */
final class Explorer {
    /** Per choice point: {taken, arity}. */
    private final List<int[]> trail = new ArrayList<>();

    private int pos;

    /** The option to take at the next choice point of this run, 0 ≤ result < {@code arity}. */
    int choose(int arity) {
        if (arity < 1) {
            throw new IllegalArgumentException("no option to choose from");
        }
        if (pos < trail.size()) {
            return trail.get(pos++)[0];
        }
        trail.add(new int[] {0, arity});
        pos++;
        return 0;
    }

    /** Moves to the next unexplored sequence; false when every sequence has been run. */
    boolean next() {
        pos = 0;
        while (!trail.isEmpty()) {
            int[] last = trail.get(trail.size() - 1);
            if (last[0] + 1 < last[1]) {
                last[0]++;
                return true;
            }
            trail.remove(trail.size() - 1);
        }
        return false;
    }
}
