package io.interlock.scenarios.ops;

/**
 * What a successful op returned.
 *
 * @param status the protocol's success status when the op can tell it (e.g. NLM4_BLOCKED), else null
 * @param detail one line for the history
 * @param data bytes a read returned (null for other ops): the linearizability check reads them
 */
public record OpResult(String status, String detail, byte[] data) {
    public static OpResult ok(String detail) {
        return new OpResult(null, detail, null);
    }

    public static OpResult status(String status, String detail) {
        return new OpResult(status, detail, null);
    }

    public static OpResult read(byte[] data, String detail) {
        return new OpResult(null, detail, data);
    }
}
