package io.interlock.scenarios.model;

/**
 * What an NFS operation does while an SMB lease or oplock it conflicts with is being broken
 * (ARCHITECTURE.md §1.1; catalog §4.3; R-XP-7, R-SMB-84). The model's own copy of the setting.
 */
public enum BreakPolicy {
    /** Send the break and act at once (fire-and-forget; only R-XP-1's ordering applies). */
    NOTIFY,
    /** Hold the reply until every needed ack arrives or the break times out (R-XP-7). */
    WAIT,
    /** Answer NFS3ERR_JUKEBOX while a needed break is pending; the client retries (R-SMB-84). */
    JUKEBOX
}
