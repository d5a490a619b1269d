package io.interlock.scenarios.engine;

/**
 * A property checked over the history after the steps ran.
 *
 * <ul>
 *   <li>{@code expect: break} client, to (lease state), ackRequired, before (a step id): the client
 *       received a lease break to {@code to} (with the ACK_REQUIRED flag as given), and received it
 *       before that step completed (its ok/fail was recorded)
 *   <li>{@code expect: no-break} client: the client received no break at all
 *   <li>{@code expect: content} protocol (smb|nfs), path, value: reading the file over that protocol
 *       after the steps returns exactly {@code value}
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
        String value) {

    public static final String BREAK = "break";
    public static final String NO_BREAK = "no-break";
    public static final String CONTENT = "content";

    public String describe() {
        return switch (expect) {
            case BREAK ->
                "break of " + client + " to " + to
                        + (ackRequired != null ? (ackRequired ? " with" : " without") + " ACK_REQUIRED" : "")
                        + (before != null ? " before " + before + " completes" : "");
            case NO_BREAK -> "no break at " + client;
            case CONTENT -> protocol + " read of " + path + " returns \"" + value + "\"";
            default -> expect;
        };
    }
}
