package io.interlock.server.runtime;

/**
 * One configured share, exported over SMB as {@code \\host\name} and over NFS as {@code /name}.
 *
 * @param name share name (SMB share and NFS export path without the slash)
 * @param path a host directory to serve, or null for an in-memory store
 * @param breakPolicy what NFS does while it breaks an SMB lease; null = the server default
 */
public record ShareConfig(String name, String path, BreakPolicy breakPolicy) {
    public ShareConfig {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("invalid share name '" + name + "'");
        }
    }

    public static ShareConfig inMemory(String name) {
        return new ShareConfig(name, null, null);
    }
}
