package io.interlock.reports;

import java.util.Collection;

/** The aggregate verdict of one requirement over the scenarios that cite it. */
public enum RequirementStatus {
    /** At least one covering scenario failed: the target violates the requirement. */
    FAIL,
    /** No covering scenario failed, but at least one could not be carried out. */
    ERROR,
    /**
     * Covering scenarios fail only as the target's baseline lists: the target violates the
     * requirement, and that is known.
     */
    KNOWN_FAIL,
    /**
     * No covering scenario failed or errored and at least one reached a passing verdict. An
     * EXPECTED_FAIL counts as passing evidence: the scenario showed exactly the failure its
     * configuration predicts.
     */
    PASS,
    /** Every covering scenario was skipped: cited, but not checked on this target. */
    SKIPPED,
    /** No scenario of the run cites the requirement. */
    NOT_COVERED;

    /**
     * FAIL if any failed, else ERROR if any errored, else KNOWN_FAIL if any failed as its baseline
     * lists, else PASS if any passed, else SKIPPED.
     */
    public static RequirementStatus of(Collection<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return NOT_COVERED;
        }
        if (verdicts.contains(Verdict.FAIL)) {
            return FAIL;
        }
        if (verdicts.contains(Verdict.ERROR)) {
            return ERROR;
        }
        if (verdicts.contains(Verdict.KNOWN_FAIL)) {
            return KNOWN_FAIL;
        }
        if (verdicts.contains(Verdict.PASS)
                || verdicts.contains(Verdict.EXPECTED_FAIL)
                || verdicts.contains(Verdict.XPASS)) {
            return PASS;
        }
        return SKIPPED;
    }

    /** Human-readable label ("not covered" rather than NOT_COVERED). */
    public String label() {
        return switch (this) {
            case NOT_COVERED -> "not covered";
            case KNOWN_FAIL -> "known failure";
            default -> name();
        };
    }
}
