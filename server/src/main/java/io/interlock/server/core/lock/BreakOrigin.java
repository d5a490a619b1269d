package io.interlock.server.core.lock;

/**
 * Who asks for a break: the protocol (for logs and metrics) and, for an SMB operation, its own
 * lease key, which is never broken by its own operations ("same-key", MS-SMB2 3.3.1.4).
 *
 * @param protocol "nfs", "nlm", "smb", ...
 * @param ownKey the caller's lease key, or null
 */
public record BreakOrigin(String protocol, LeaseKey ownKey) {
    public static BreakOrigin nfs() {
        return new BreakOrigin("nfs", null);
    }

    public static BreakOrigin nlm() {
        return new BreakOrigin("nlm", null);
    }
}
