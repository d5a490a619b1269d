package io.interlock.scenarios.targets;

import java.util.Optional;

/**
 * A target that cannot run here (a local target without root or its packages, a container target
 * without a Docker engine): every scenario is SKIPPED with the reason.
 */
public final class UnavailableTarget implements Target {
    private final String name;
    private final String reason;

    public UnavailableTarget(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String describe() {
        return name + " (unavailable: " + reason + ")";
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.empty();
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.empty();
    }

    @Override
    public TargetCapabilities capabilities() {
        return TargetCapabilities.plain(false, false, PathMapping.IDENTITY);
    }

    @Override
    public TargetSetup setup(ServerSettings settings) {
        return TargetSetup.skipped(reason);
    }
}
