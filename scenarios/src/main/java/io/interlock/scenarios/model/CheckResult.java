package io.interlock.scenarios.model;

import java.util.List;

/**
 * The verdict over a run's windows.
 *
 * @param violations every disagreement of the first window that disagreed (the checker stops there,
 *     see {@link WindowChecker})
 * @param checked windows compared with the model and found correct
 * @param unchecked windows not compared: an unmodelled input, everything after it, and everything
 *     after the first violation
 * @param notes why windows went unchecked, one line per cause
 */
public record CheckResult(List<Violation> violations, int checked, int unchecked, List<String> notes) {
    public CheckResult {
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
