package io.interlock.scenarios.model;

import java.util.List;

/**
 * A window that disagrees with the model.
 *
 * @param ruleId the catalog rule (R-SMB-n, R-XP-n, R-NLM-n, R-NFS-n, R-CACHE-n) the disagreement
 *     breaks, or {@code status-agreement} for a reply to a request that is not outstanding
 * @param message names the rule, the window, the requests, what was expected and what was seen
 * @param decision the scheduler decision of the window
 * @param reqs the requests involved
 */
public record Violation(String ruleId, String message, long decision, List<Long> reqs) {
    public Violation {
        reqs = List.copyOf(reqs);
    }
}
