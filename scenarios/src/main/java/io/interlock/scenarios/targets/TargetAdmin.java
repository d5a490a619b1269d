package io.interlock.scenarios.targets;

import java.util.Optional;
import java.util.UUID;

/**
 * What Interlock's own server (embedded, or {@code interlock serve --admin} through {@link
 * RemoteAdmin}) lets one scenario do and see besides the protocols: change shares at run time
 * (R-CACHE-*), read its lease table and break counters (R-XP-13, R-XP-15). Other targets offer
 * none of it, and steps that need it are SKIPPED.
 */
public interface TargetAdmin {

    /** Adds an enabled share backed by a fresh in-memory store; returns when the registry has it. */
    void addShare(String name);

    /** Removes a share; false if there was none. */
    boolean removeShare(String name);

    /** Disables a share (it stays registered); false if there was none. */
    boolean disableShare(String name);

    /**
     * The server's view of one lease.
     *
     * @param state current lease state bits (R=1, H=2, W=4)
     * @param breaking a break is in progress
     * @param breakTo the state the break goes to (while breaking)
     */
    record LeaseSnapshot(int state, boolean breaking, int breakTo) {}

    /** The lease of (client GUID, lease key), if the server still has it. */
    Optional<LeaseSnapshot> lease(UUID clientGuid, UUID leaseKey);

    /**
     * Finished breaks for one trigger since the server started.
     *
     * @param count breaks finished (acknowledged, closed or timed out)
     * @param timedOut of those, ended by the break timer
     */
    record BreakCount(long count, long timedOut) {}

    /** The names of the shares the server serves now (enabled ones only). */
    default java.util.Set<String> shareNames() {
        return java.util.Set.of();
    }

    /** Finished breaks for {@code trigger} (a {@code BreakTrigger} name such as WRITE or LOCK). */
    BreakCount breaks(String trigger);
}
