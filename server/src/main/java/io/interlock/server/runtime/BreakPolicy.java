package io.interlock.server.runtime;

/**
 * What an NFS operation does while an SMB lease it conflicts with is being broken (per share).
 */
public enum BreakPolicy {
    /** Send the break and go on at once (DittoFS phase 30, fire-and-forget). */
    NOTIFY,
    /** Wait for the acknowledgement, at most the break timeout (the default). */
    WAIT,
    /** Answer NFS3ERR_JUKEBOX while the break is pending; the client retries (Linux knfsd). */
    JUKEBOX;

    public static BreakPolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown break policy '" + s + "' (one of: notify, wait, jukebox)");
        }
    }
}
