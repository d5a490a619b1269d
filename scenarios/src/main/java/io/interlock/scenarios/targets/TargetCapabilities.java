package io.interlock.scenarios.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a target offers, so that a scenario it cannot honour is SKIPPED with the reason, never run
 * to a misleading verdict.
 *
 * @param smb an SMB share is reachable
 * @param nfs an NFSv3 export is reachable
 * @param nlm NLM v4 is served beside NFS
 * @param admin share add/remove/disable, the lease table and break counters can be reached (the
 *     embedded server, or {@code interlock serve --admin})
 * @param breakPolicies the break policies ({@code notify}, {@code wait}, {@code jukebox}) a scenario
 *     may ask for: every one where the target applies them per scenario, the one it always has
 *     where that is fixed and known (kernel oplocks make a conflicting open wait), else none
 * @param breakTimeout a scenario may set the lease break timeout
 * @param faults fault points can be switched (Interlock's own server only)
 * @param paths where SMB and NFS see the same files; null when they do not share a namespace (or
 *     the target has only one of them)
 * @param note why the target lacks what it lacks, for skip reasons (may be empty)
 * @param smbLeasing its SMB server grants SMB2 leases (as far as known before connecting)
 */
public record TargetCapabilities(
        boolean smb,
        boolean nfs,
        boolean nlm,
        boolean admin,
        Set<String> breakPolicies,
        boolean breakTimeout,
        boolean faults,
        PathMapping paths,
        String note,
        boolean smbLeasing) {

    /** Every policy name. */
    public static final Set<String> ALL_POLICIES = Set.of("notify", "wait", "jukebox");

    /** Capabilities of a target whose SMB server, if any, grants leases. */
    public TargetCapabilities(
            boolean smb,
            boolean nfs,
            boolean nlm,
            boolean admin,
            Set<String> breakPolicies,
            boolean breakTimeout,
            boolean faults,
            PathMapping paths,
            String note) {
        this(smb, nfs, nlm, admin, breakPolicies, breakTimeout, faults, paths, note, smb);
    }

    public TargetCapabilities {
        breakPolicies = breakPolicies == null ? Set.of() : Set.copyOf(breakPolicies);
        note = note == null ? "" : note;
    }

    /** A server reached by address with no control over its settings. */
    public static TargetCapabilities plain(boolean smb, boolean nfs, PathMapping paths) {
        return new TargetCapabilities(
                smb, nfs, nfs, false, Set.of(), false, false, smb && nfs ? paths : null, "it offers no admin endpoint");
    }

    /** Interlock's own server (embedded, or {@code interlock serve --admin}): everything. */
    public static TargetCapabilities interlock(boolean smb, boolean nfs) {
        return new TargetCapabilities(
                smb, nfs, nfs, true, ALL_POLICIES, true, true, smb && nfs ? PathMapping.IDENTITY : null, "");
    }

    public boolean sharedNamespace() {
        return paths != null;
    }

    /**
     * Why a scenario with these server settings cannot run here, or empty. The reason names every
     * setting the target cannot apply. A target without SMB has no leases to break, so a break
     * policy or timeout asks nothing of it.
     */
    public Optional<String> refuse(ServerSettings settings, String target) {
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        // without SMB there is no lease to break: every break policy and timeout is the same
        if (smb
                && settings.breakPolicy() != null
                && !breakPolicies.contains(settings.breakPolicy().toLowerCase(Locale.ROOT))) {
            missing.add(
                    breakPolicies.isEmpty()
                            ? "it sets no break policy"
                            : "its break policy is "
                                    + String.join(
                                            "/", breakPolicies.stream().sorted().toList()));
        }
        if (smb && settings.breakTimeout() != null && !breakTimeout) {
            missing.add("its break timeout cannot be set");
        }
        if (!settings.faults().isEmpty() && !faults) {
            missing.add("it has no fault points");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the scenario needs server settings " + settings + ", which target " + target
                + " cannot apply: " + String.join(", ", missing) + (note.isEmpty() ? "" : " (" + note + ")"));
    }
}
