package io.interlock.scenarios.ops;

import java.io.IOException;

/** An op answered with a protocol status that is not a success (e.g. NLM4_DENIED). */
public final class OpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String statusName;

    public OpStatusException(String statusName, String message) {
        super(message);
        this.statusName = statusName;
    }

    public String statusName() {
        return statusName;
    }
}
