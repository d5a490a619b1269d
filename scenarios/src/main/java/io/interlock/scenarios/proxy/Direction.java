package io.interlock.scenarios.proxy;

/** Which way a frame travels through the proxy. The declaration order is the delivery order key. */
public enum Direction {
    /** From the client to the upstream server. */
    TO_SERVER,
    /** From the upstream server back to the client. */
    TO_CLIENT;

    public Direction reverse() {
        return this == TO_SERVER ? TO_CLIENT : TO_SERVER;
    }
}
