package io.interlock.scenarios.ops;

/**
 * What a successful op returned.
 *
 * @param status the protocol's success status when the op can tell it (e.g. NLM4_BLOCKED), else null
 * @param detail one line for the history
 * @param data bytes a read returned (null for other ops): the linearizability check reads them
 * @param ack the op was an acknowledgment of a break
 * @param value what the op found, typed, for the checks (e.g. the share names a listing returned)
 */
public record OpResult(String status, String detail, byte[] data, boolean ack, Object value) {
    public static OpResult ok(String detail) {
        return new OpResult(null, detail, null, false, null);
    }

    public static OpResult status(String status, String detail) {
        return new OpResult(status, detail, null, false, null);
    }

    public static OpResult read(byte[] data, String detail) {
        return new OpResult(null, detail, data, false, null);
    }

    /** A result that carries a typed value for the checks. */
    public static OpResult value(Object value, String detail) {
        return new OpResult(null, detail, null, false, value);
    }

    /** A lease break acknowledgment the server accepted (shown as an ack on the timeline). */
    public static OpResult ack(String detail) {
        return new OpResult(null, detail, null, true, null);
    }
}
