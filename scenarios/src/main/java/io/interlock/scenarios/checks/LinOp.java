package io.interlock.scenarios.checks;

import java.util.Objects;

/**
 * One operation of a history, as the linearizability checker sees it: who issued it, when it was
 * invoked and when its answer arrived (any monotonic time unit; equal instants count as concurrent),
 * how it ended, what was asked ({@code call}) and what came back ({@code result}). {@code call} and
 * {@code result} are whatever the {@link SequentialSpec} understands, e.g. {@link FileCall} and
 * {@link FileResult}.
 *
 * <p>The outcome follows Jepsen's convention:
 *
 * <ul>
 *   <li>{@link Outcome#OK}: it happened, at some instant between invoke and complete, with this
 *       result. A definite error answer (NFS3ERR_NOENT, STATUS_OBJECT_NAME_COLLISION) is an OK
 *       outcome whose result is that error: the server decided, in its order of events.
 *   <li>{@link Outcome#FAIL}: it certainly did not happen (e.g. refused before it reached the
 *       file system); the checker ignores it.
 *   <li>{@link Outcome#INFO}: unknown, e.g. a timeout or a lost reply: it may have happened at any
 *       instant after its invocation, or never; its result is unknown and its completion counts as
 *       +infinity whatever {@code complete} says.
 * </ul>
 */
public record LinOp(int id, String process, long invoke, long complete, Outcome outcome, Object call, Object result) {
    /** How an operation ended. */
    public enum Outcome {
        OK,
        FAIL,
        INFO
    }

    public LinOp {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(call, "call");
        if (complete < invoke) {
            throw new IllegalArgumentException(
                    "op " + id + " completes (" + complete + ") before its invocation (" + invoke + ")");
        }
    }

    /** An operation that happened with {@code result}. */
    public static LinOp ok(int id, String process, long invoke, long complete, Object call, Object result) {
        return new LinOp(id, process, invoke, complete, Outcome.OK, call, result);
    }

    /** An operation that certainly did not happen. */
    public static LinOp fail(int id, String process, long invoke, long complete, Object call) {
        return new LinOp(id, process, invoke, complete, Outcome.FAIL, call, null);
    }

    /** An operation whose outcome is unknown (it may or may not have happened). */
    public static LinOp info(int id, String process, long invoke, Object call) {
        return new LinOp(id, process, invoke, Long.MAX_VALUE, Outcome.INFO, call, null);
    }

    /** The completion the checker uses: +infinity ({@link Long#MAX_VALUE}) for INFO. */
    public long effectiveComplete() {
        return outcome == Outcome.INFO ? Long.MAX_VALUE : complete;
    }
}
