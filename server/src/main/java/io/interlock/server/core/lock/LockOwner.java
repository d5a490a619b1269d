package io.interlock.server.core.lock;

/**
 * Protocol-neutral owner of byte-range locks. Two locks conflict only when their owners differ
 * (POSIX: a process never conflicts with itself). Each protocol builds ids its own way, e.g. SMB
 * {@code "smb", "<sessionId>:<fileId>"} and NLM {@code "nlm", "<caller_name>:<svid>:<hex(oh)>"}.
 *
 * @param protocol "smb", "nlm", ...
 * @param id the owner's identity within that protocol
 */
public record LockOwner(String protocol, String id) {
    public LockOwner {
        if (protocol == null || id == null) {
            throw new IllegalArgumentException("lock owner needs a protocol and an id");
        }
    }

    /**
     * Whether this owner's locks follow NT semantics ([MS-FSA] 2.1.5.8, 2.1.5.9): each granted lock
     * is kept as it was asked for (they stack, never merge or replace each other) and an unlock
     * names one lock exactly. SMB owners do; POSIX owners (NLM) merge, replace and split (R-NLM-2,
     * R-NLM-5, R-NLM-7).
     */
    public boolean ntSemantics() {
        return "smb".equals(protocol);
    }
}
