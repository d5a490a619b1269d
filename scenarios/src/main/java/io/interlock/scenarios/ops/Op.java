package io.interlock.scenarios.ops;

import java.util.List;

/**
 * One operation of a program: what a client (or the engine itself) does. One record per operation,
 * named in {@link OpRegistry} (the only place an op's name is spelled); each validates itself
 * against what came before it in its program, runs against the client interfaces of an {@link
 * OpContext}, and names the files it touches so that the checks can follow them.
 */
public sealed interface Op permits SmbOp, NfsOp, NlmOp, EngineOp {

    /** The client that performs it, or null for an op the engine performs itself. */
    String client();

    /**
     * Checks the op in its program: arguments present and sane, handles opened before use, acks
     * preceded by a break. Throws {@link IllegalArgumentException} with the reason.
     */
    void validate(OpCheck check);

    /** Performs the op; a protocol failure is thrown (its status is the op's outcome). */
    OpResult run(OpContext ctx) throws Exception;

    /** The arguments as one line of text, for the history and the timeline. */
    String describe();

    /** The share-relative paths whose content or existence this op may change or read. */
    default List<String> paths() {
        return List.of();
    }
}
