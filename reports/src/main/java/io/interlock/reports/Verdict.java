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
    SKIPPED
}
