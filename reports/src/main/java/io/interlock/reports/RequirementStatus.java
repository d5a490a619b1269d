package io.interlock.reports;

import java.util.Collection;

/** The aggregate verdict of one requirement over the scenarios that cite it. */
public enum RequirementStatus {
    /** At least one covering scenario failed: the target violates the requirement. */
    FAIL,
    /** No covering scenario failed, but at least one could not be carried out. */
    ERROR,
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

    /** FAIL if any failed, else ERROR if any errored, else PASS if any passed, else SKIPPED. */
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
        if (verdicts.contains(Verdict.PASS) || verdicts.contains(Verdict.EXPECTED_FAIL)) {
            return PASS;
        }
        return SKIPPED;
    }

    /** Human-readable label ("not covered" rather than NOT_COVERED). */
    public String label() {
        return this == NOT_COVERED ? "not covered" : name();
    }
}
