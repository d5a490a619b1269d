package io.interlock.scenarios.engine;

/** A step names an SMB handle its client does not have open (the open failed, or was never made). */
final class MissingHandle extends ScenarioError {
    private static final long serialVersionUID = 1L;

    MissingHandle(String message) {
        super(message);
    }
}
