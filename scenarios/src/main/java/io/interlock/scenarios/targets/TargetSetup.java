package io.interlock.scenarios.targets;

import java.util.Optional;

/**
 * A target prepared for one scenario: the endpoints that scenario uses (the embedded target gives
 * each scenario a fresh share), or the reason the target cannot honour the scenario's server
 * settings. Closing it undoes the preparation (faults off, share removed).
 */
public interface TargetSetup extends AutoCloseable {

    /** Why the scenario cannot run here (it is then SKIPPED), or empty. */
    Optional<String> skipReason();

    Optional<SmbEndpoint> smb();

    Optional<NfsEndpoint> nfs();

    /** Share and lease administration, when the target's server runs in this process. */
    default Optional<TargetAdmin> admin() {
        return Optional.empty();
    }

    /**
     * The server's virtual clock, when the target's server runs on one in this process: the engine
     * then runs its own timers on it too and advances it when nothing else can happen.
     */
    default Optional<io.interlock.server.core.time.VirtualServerClock> virtualClock() {
        return Optional.empty();
    }

    /**
     * The server's activity probe, when its server runs in this process with one: with it and a
     * virtual clock the engine runs in lockstep (every frame held by its proxy until delivered).
     */
    default Optional<io.interlock.server.probe.ActivityProbe> probe() {
        return Optional.empty();
    }

    /** The break policy this setup's share runs under (notify, wait, jukebox), when known. */
    default java.util.Optional<String> breakPolicy() {
        return java.util.Optional.empty();
    }

    /** The server's lease break timeout, when known. */
    default java.util.Optional<java.time.Duration> breakTimeout() {
        return java.util.Optional.empty();
    }

    /**
     * Where the engine's NLM callback listener must listen for this target's GRANTED callbacks, if
     * the target says; otherwise the listener registers with the target's portmapper.
     */
    default Optional<NlmCallbackRoute> nlmCallback() {
        return Optional.empty();
    }

    /**
     * Where the scenario's paths are in the share and in the export: the identity where the
     * target gives the scenario a share of its own, a fresh directory of the shared tree otherwise.
     */
    default PathMapping paths() {
        return PathMapping.IDENTITY;
    }

    @Override
    default void close() {}

    /** The target as it is, settings untouched. */
    static TargetSetup of(Target t) {
        return new TargetSetup() {
            @Override
            public Optional<String> skipReason() {
                return Optional.empty();
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return t.smb();
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return t.nfs();
            }
        };
    }

    /** A setup that cannot run anything. */
    static TargetSetup skipped(String reason) {
        return new TargetSetup() {
            @Override
            public Optional<String> skipReason() {
                return Optional.of(reason);
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return Optional.empty();
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return Optional.empty();
            }
        };
    }
}
