package io.interlock.scenarios.proxy;

/** What the proxy does with a frame of a connection once it is complete. */
public enum ProxyMode {
    /** Forward it at once (it is still recorded, numbered and reported to listeners). */
    PASS,
    /** Queue it until {@link WireProxy#deliver} (or a switch to {@link #PASS}) releases it. */
    HOLD
}
