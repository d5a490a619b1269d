package io.interlock.scenarios.ops;

/**
 * What an op may ask while it validates itself: the program's clients and what the steps before it
 * did. Failures are {@link IllegalArgumentException}s naming the reason; the program validator adds
 * where (program and step).
 */
public interface OpCheck {

    /** The client exists and speaks {@code protocol} ("smb", "nfs", "nlm"). */
    void requireClient(String client, String protocol);

    /** Whether the program has a client of that name. */
    boolean hasClient(String client);

    /** Whether an earlier step of {@code client} opened {@code handle} and no later one closed it. */
    boolean isOpen(String client, String handle);

    /** Whether {@code client} takes breaks itself (a caching client flushes and acknowledges on its own). */
    boolean reactsToBreaks(String client);

    /** Whether an earlier step of {@code client} awaited a break. */
    boolean awaitedBreak(String client);

    /** Whether a step with this id comes earlier in the program. */
    boolean hasEarlierStep(String id);

    /** The path an open handle of {@code client} refers to (null if none). */
    String pathOf(String client, String handle);

    default void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }

    default void requireOpen(String client, String handle) {
        require(isOpen(client, handle), "client " + client + " has no open handle " + handle);
    }
}
