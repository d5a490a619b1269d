package io.interlock.reports;

/** The outcome of one scenario or test. */
public enum Verdict {
    /** Every expectation held. */
    PASS,
    /** An expectation did not hold: the target misbehaved. */
    FAIL,
    /**
     * Exactly the expectation the scenario predicts to fail failed (e.g. the lost write under the
     * NOTIFY break policy): a known consequence of the configured policy, not a defect.
     */
    EXPECTED_FAIL,
    /** The scenario could not be carried out (client error, timeout in the harness, bad scenario). */
    ERROR,
    /** Not run (target lacks the protocol, tool missing, ...). */
    SKIPPED,
    /**
     * Failed (FAIL or ERROR) exactly as the target's baseline lists it: a known defect of that
     * target, recorded with its requirement, reason and link. The run still passes.
     */
    KNOWN_FAIL,
    /**
     * The baseline lists a failure for this scenario, but it passed: the entry is stale. The run
     * fails until the entry is removed from the baseline.
     */
    XPASS;

    /** The verdicts that make a run fail: FAIL, ERROR and XPASS. */
    public boolean failsRun() {
        return this == FAIL || this == ERROR || this == XPASS;
    }

    /** The verdicts that count as passed in a summary: PASS and EXPECTED_FAIL. */
    public boolean passed() {
        return this == PASS || this == EXPECTED_FAIL;
    }
}
