package io.interlock.scenarios.targets;

import java.util.Optional;

/**
 * What a scenario runs against: a file server that exports one share over SMB and/or NFSv3. A
 * target that lacks a protocol returns empty, and scenarios needing it are SKIPPED.
 */
public interface Target extends AutoCloseable {

    /** One line for reports, e.g. "embedded smb://interlock@127.0.0.1:40123/share nfs://...". */
    String describe();

    Optional<SmbEndpoint> smb();

    Optional<NfsEndpoint> nfs();

    /**
     * What the target offers. By default: the protocols it has endpoints for, sharing one
     * namespace at the roots, with no control over its server.
     */
    default TargetCapabilities capabilities() {
        return TargetCapabilities.plain(smb().isPresent(), nfs().isPresent(), PathMapping.IDENTITY);
    }

    /**
     * Prepares this target for one scenario with the given server settings. A target that does not
     * control its server can run only scenarios whose settings its {@link #capabilities()} allow;
     * the rest are SKIPPED with the returned reason.
     */
    default TargetSetup setup(ServerSettings settings) throws java.io.IOException {
        Optional<String> refused = capabilities().refuse(settings, describe());
        if (refused.isPresent()) {
            return TargetSetup.skipped(refused.get());
        }
        return TargetSetup.of(this);
    }

    /** Releases what the target started (an embedded server); a no-op for remote targets. */
    @Override
    default void close() {}
}
