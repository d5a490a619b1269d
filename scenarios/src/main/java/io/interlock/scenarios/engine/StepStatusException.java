package io.interlock.scenarios.engine;

import java.io.IOException;

/** A step answered with a protocol status that is not a success (e.g. NLM4_DENIED). */
final class StepStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String statusName;

    StepStatusException(String statusName, String message) {
        super(message);
        this.statusName = statusName;
    }

    String statusName() {
        return statusName;
    }
}
