package io.interlock.scenarios.ops;

import java.io.IOException;

/**
 * An op ran, but what it got is not what its step said it must get (a hand-written expectation of a
 * catalog step, e.g. {@code value:} of a read or {@code granted:} of an open).
 */
public final class OpCheckFailed extends IOException {
    private static final long serialVersionUID = 1L;

    public OpCheckFailed(String message) {
        super(message);
    }
}
