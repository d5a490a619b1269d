package io.interlock.scenarios.engine;

/**
 * Thrown by a step the target cannot perform at all (no SMB2 LOCK, no share administration, no
 * smbclient on this machine): the scenario is then SKIPPED with this reason, not failed.
 */
final class ScenarioSkip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScenarioSkip(String reason) {
        super(reason);
    }
}
