package io.interlock.scenarios.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a running Interlock server for one scenario through its {@link ServerAdmin}, as the
 * embedded target does in-process: the break timeout the scenario asks for (else the one the
 * server had when the target was opened), a fresh in-memory share with the scenario's break policy,
 * and its fault points switched on. Closing the setup removes the share and every share the
 * scenario added, and switches off the faults it switched on; the timeout stays until the next
 * scenario sets its own, so a catalog changes it rarely.
 */
final class AdminSetup {
    private static final Logger log = LoggerFactory.getLogger(AdminSetup.class);

    private AdminSetup() {}

    /**
     * @param baseTimeout the timeout of scenarios that name none
     * @param shareName the name of the scenario's share (unique on that server)
     * @param endpoints the SMB and NFS endpoints of an added share (its SMB name and export path)
     */
    static TargetSetup prepare(
            ServerAdmin admin,
            ServerSettings settings,
            Duration baseTimeout,
            String shareName,
            Function<ServerAdmin.AddedShare, Endpoints> endpoints)
            throws IOException {
        Duration timeout = settings.breakTimeout() != null ? settings.breakTimeout() : baseTimeout;
        if (!timeout.equals(admin.breakTimeout())) {
            admin.setBreakTimeout(timeout);
        }
        ServerAdmin.AddedShare share = admin.addShare(shareName, settings.breakPolicy());
        Set<String> before = admin.faults();
        List<String> switched = new ArrayList<>();
        try {
            for (var f : settings.faultSet()) {
                if (!before.contains(f.name())) {
                    admin.setFault(f.name(), true);
                    switched.add(f.name());
                }
            }
        } catch (IOException e) {
            undo(admin, share.name(), switched, List.of());
            throw e;
        }
        log.debug("scenario share {} via {} settings {}", share.name(), admin.describe(), settings);
        Endpoints ep = endpoints.apply(share);
        Scoped scoped = new Scoped(admin, settings.breakPolicy());
        return new TargetSetup() {
            @Override
            public Optional<String> skipReason() {
                return Optional.empty();
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return Optional.ofNullable(ep.smb());
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return Optional.ofNullable(ep.nfs());
            }

            @Override
            public Optional<TargetAdmin> admin() {
                return Optional.of(scoped);
            }

            @Override
            public void close() {
                undo(admin, share.name(), switched, List.copyOf(scoped.added));
            }
        };
    }

    /** Where clients reach one added share (either may be null). */
    record Endpoints(SmbEndpoint smb, NfsEndpoint nfs) {}

    private static void undo(ServerAdmin admin, String share, List<String> faults, List<String> added) {
        List<String> failed = new ArrayList<>();
        for (String n : added) {
            try {
                admin.removeShare(n);
            } catch (IOException e) {
                failed.add("remove share " + n + ": " + e.getMessage());
            }
        }
        for (String f : faults) {
            try {
                admin.setFault(f, false);
            } catch (IOException e) {
                failed.add("switch off " + f + ": " + e.getMessage());
            }
        }
        try {
            admin.removeShare(share);
        } catch (IOException e) {
            failed.add("remove share " + share + ": " + e.getMessage());
        }
        if (!failed.isEmpty()) {
            log.warn("could not undo a scenario's changes through {}: {}", admin.describe(), failed);
        }
    }

    /** The per-scenario view: shares the scenario adds get its break policy and are removed at the end. */
    private static final class Scoped implements TargetAdmin {
        private final ServerAdmin admin;
        private final String policy;
        private final Set<String> added = ConcurrentHashMap.newKeySet();

        Scoped(ServerAdmin admin, String policy) {
            this.admin = admin;
            this.policy = policy;
        }

        @Override
        public void addShare(String name) {
            try {
                admin.addShare(name, policy);
                added.add(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean removeShare(String name) {
            try {
                added.remove(name);
                return admin.removeShare(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Set<String> shareNames() {
            try {
                return Set.copyOf(admin.shares());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean disableShare(String name) {
            try {
                return admin.disableShare(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<LeaseSnapshot> lease(UUID clientGuid, UUID leaseKey) {
            try {
                return admin.lease(clientGuid, leaseKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public BreakCount breaks(String trigger) {
            try {
                return admin.breaks(trigger);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
