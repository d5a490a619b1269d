package io.interlock.scenarios.model;

/** Raised inside an evaluation when the input is outside what the model knows. */
final class Unmodelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unmodelled(String why) {
        super(why, null, false, false);
    }
}
