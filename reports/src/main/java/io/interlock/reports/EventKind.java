package io.interlock.reports;

/** What a history event records. */
public enum EventKind {
    /** A client starts an operation. */
    INVOKE,
    /** The operation completed successfully. */
    OK,
    /** The operation completed with an error. */
    FAIL,
    /** A client received a break notification (lease/oplock). */
    BREAK,
    /** A client acknowledged a break (and got the server's answer). */
    ACK,
    /** Anything else worth showing on the timeline. */
    INFO
}
