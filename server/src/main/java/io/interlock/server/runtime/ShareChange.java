package io.interlock.server.runtime;

/**
 * A change of the share registry, published after the registry has changed.
 *
 * @param kind what happened
 * @param share the share after the change (for REMOVED: as it was)
 */
public record ShareChange(Kind kind, Share share) {
    public enum Kind {
        ADDED,
        REMOVED,
        ENABLED,
        DISABLED
    }
}
