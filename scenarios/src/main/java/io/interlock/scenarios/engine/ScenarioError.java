package io.interlock.scenarios.engine;

/** The scenario itself is wrong or the harness failed (not the target): the verdict is ERROR. */
public class ScenarioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioError(String message) {
        super(message);
    }

    public ScenarioError(String message, Throwable cause) {
        super(message, cause);
    }
}
