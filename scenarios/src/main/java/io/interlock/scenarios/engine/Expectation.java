package io.interlock.scenarios.engine;

import java.time.Duration;

/**
 * A property checked over the history after the steps ran.
 *
 * <ul>
 *   <li>{@code expect: break} client, to (lease state), ackRequired, before (a step id): the client
 *       received a lease break to {@code to} (with the ACK_REQUIRED flag as given), and received it
 *       before that step completed (its ok/fail was recorded)
 *   <li>{@code expect: no-break} client, within, after: the client received no break at all (or,
 *       with {@code after}, none once that step was invoked), waiting up to {@code within}
 *       (default 0) after the last step for a late one
 *   <li>{@code expect: content} protocol (smb|nfs), path, value: reading the file over that protocol
 *       after the steps returns exactly {@code value}
 *   <li>{@code expect: no-lost-write} path: no acknowledged NFS WRITE to {@code path} was
 *       overwritten by data an SMB client had cached before that WRITE was sent (see {@link
 *       LostWriteCheck}); the engine reads the file over NFS after the steps to decide
 *   <li>{@code expect: ack-before} client, before, after: the client sent its lease break
 *       acknowledgment (the first one invoked after step {@code after} was invoked, if given) before
 *       step {@code before} completed (R-XP-7: under WAIT the NFS reply follows the ack)
 *   <li>{@code expect: latency} step, atLeast, atMost: the step took (invoke to ok/fail) at least /
 *       at most that long
 * </ul>
 */
public record Expectation(
        String expect,
        String client,
        String to,
        Boolean ackRequired,
        String before,
        String protocol,
        String path,
        String value,
        Duration within,
        String step,
        Duration atLeast,
        Duration atMost,
        String after) {

    public static final String BREAK = "break";
    public static final String NO_BREAK = "no-break";
    public static final String CONTENT = "content";
    public static final String NO_LOST_WRITE = "no-lost-write";
    public static final String ACK_BEFORE = "ack-before";
    public static final String LATENCY = "latency";

    /** The final NFS read of {@code path} a no-lost-write check decides on (recorded like a content read). */
    static Expectation finalNfsRead(String path) {
        return new Expectation(CONTENT, null, null, null, null, "nfs", path, "", null, null, null, null, null);
    }

    /** Checks the expectation against the program's clients and step ids. */
    void validate(String scenario, java.util.Map<String, ClientSpec> clients, java.util.Set<String> ids) {
        String where = "scenario " + scenario + " expectation " + describe();
        java.util.function.Consumer<String> step = id -> {
            if (id != null && !ids.contains(id)) {
                throw new IllegalArgumentException(where + ": unknown step " + id);
            }
        };
        switch (expect == null ? "" : expect) {
            case BREAK, NO_BREAK -> {
                if (!clients.containsKey(client)) {
                    throw new IllegalArgumentException(where + ": unknown client " + client);
                }
                step.accept(before);
                step.accept(after);
            }
            case CONTENT -> {
                if (path == null
                        || value == null
                        || !java.util.Set.of("smb", "nfs").contains(protocol)) {
                    throw new IllegalArgumentException(where + ": content needs protocol smb|nfs, path, value");
                }
            }
            case NO_LOST_WRITE -> {
                if (path == null) {
                    throw new IllegalArgumentException(where + ": no-lost-write needs a path");
                }
            }
            case ACK_BEFORE -> {
                if (!clients.containsKey(client) || before == null) {
                    throw new IllegalArgumentException(where + ": ack-before needs a client and a step id");
                }
                step.accept(before);
                step.accept(after);
            }
            case LATENCY -> {
                if (this.step == null || (atLeast == null && atMost == null)) {
                    throw new IllegalArgumentException(where + ": latency needs a step and atLeast and/or atMost");
                }
                step.accept(this.step);
            }
            default -> throw new IllegalArgumentException(where + ": unknown expectation " + expect);
        }
    }

    public Duration withinOrZero() {
        return within == null ? Duration.ZERO : within;
    }

    public String describe() {
        return switch (expect == null ? "" : expect) {
            case BREAK ->
                "break of " + client + " to " + to
                        + (ackRequired != null ? (ackRequired ? " with" : " without") + " ACK_REQUIRED" : "")
                        + (before != null ? " before " + before + " completes" : "");
            case NO_BREAK ->
                "no break at " + client + (after != null ? " after " + after : "")
                        + (within != null ? " within " + within : "");
            case CONTENT -> protocol + " read of " + path + " returns \"" + value + "\"";
            case NO_LOST_WRITE -> "no lost write on " + path;
            case ACK_BEFORE -> client + " acknowledges its break before " + before + " completes";
            case LATENCY ->
                "step " + step + " takes" + (atLeast != null ? " at least " + atLeast : "")
                        + (atMost != null ? " at most " + atMost : "");
            default -> String.valueOf(expect);
        };
    }
}
