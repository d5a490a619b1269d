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

    /** Releases what the target started (an embedded server); a no-op for remote targets. */
    @Override
    default void close() {}
}
