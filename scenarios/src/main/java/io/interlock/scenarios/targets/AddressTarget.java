package io.interlock.scenarios.targets;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that is already running somewhere, given by address (CLI {@code --smb}/{@code --nfs},
 * or a named target of a targets file). Either protocol may be absent; scenarios that need it are
 * then SKIPPED.
 *
 * <p>Without an admin endpoint each scenario gets a fresh directory of the shared tree ({@link
 * ScratchDirectories}) and scenarios that need server settings, share changes or the lease table
 * are SKIPPED. With one (a separately started {@code interlock serve --admin}), each scenario gets
 * a fresh share with its settings, as on the embedded target ({@link AdminSetup}).
 */
public final class AddressTarget implements Target {
    private final String name;
    private final SmbEndpoint smb;
    private final NfsEndpoint nfs;
    private final PathMapping paths;
    private final ServerAdmin admin;
    private final Duration baseTimeout;
    private final ScratchDirectories scratch = new ScratchDirectories();
    private final AtomicInteger shares = new AtomicInteger();

    private AddressTarget(
            String name, SmbEndpoint smb, NfsEndpoint nfs, PathMapping paths, ServerAdmin admin, Duration baseTimeout) {
        if (smb == null && nfs == null) {
            throw new IllegalArgumentException("a target needs at least one of SMB and NFS");
        }
        this.name = name;
        this.smb = smb;
        this.nfs = nfs;
        this.paths = paths == null ? PathMapping.IDENTITY : paths;
        this.admin = admin;
        this.baseTimeout = baseTimeout;
    }

    /** Either endpoint may be null when the server does not offer that protocol. */
    public AddressTarget(SmbEndpoint smb, NfsEndpoint nfs) {
        this(null, smb, nfs, PathMapping.IDENTITY, null, null);
    }

    /**
     * A target by address.
     *
     * @param name a label for reports (e.g. the name in a targets file), or null
     * @param paths where SMB and NFS see the same directory
     */
    public static AddressTarget of(String name, SmbEndpoint smb, NfsEndpoint nfs, PathMapping paths) {
        return new AddressTarget(name, smb, nfs, paths, null, null);
    }

    /**
     * A separately started Interlock server with its admin endpoint: each scenario gets a fresh
     * share (SMB share name and NFS export from the endpoint) on the given SMB and NFS ports; the
     * share names in {@code smb} and {@code nfs} are replaced per scenario.
     */
    public static AddressTarget withAdmin(String name, SmbEndpoint smb, NfsEndpoint nfs, ServerAdmin admin)
            throws IOException {
        return new AddressTarget(name, smb, nfs, PathMapping.IDENTITY, admin, admin.breakTimeout());
    }

    /**
     * SMB on {@code host:smbPort} share {@code share}, and NFS export {@code exportPath} through the
     * portmapper on {@code host:111} (nfs-client-java). Pass smbPort 0 for no SMB, exportPath null
     * for no NFS. Give an {@link NfsEndpoint} with ports to the constructor to need no portmapper.
     */
    public static AddressTarget of(
            String host, int smbPort, String share, String user, String password, String exportPath) {
        SmbEndpoint s = smbPort > 0 ? new SmbEndpoint(host, smbPort, share, user, password) : null;
        NfsEndpoint n = exportPath != null ? NfsEndpoint.viaPortmapper(host, exportPath) : null;
        return new AddressTarget(s, n);
    }

    @Override
    public String describe() {
        return (name != null ? name + " " : "") + "address" + (smb != null ? " " + smb : "")
                + (nfs != null ? " " + nfs : "")
                + (paths.isIdentity() ? "" : " paths=" + paths)
                + (admin != null ? " " + admin.describe() : "");
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.ofNullable(smb);
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.ofNullable(nfs);
    }

    @Override
    public TargetCapabilities capabilities() {
        if (admin != null) {
            return TargetCapabilities.interlock(smb != null, nfs != null);
        }
        return TargetCapabilities.plain(smb != null, nfs != null, paths);
    }

    @Override
    public TargetSetup setup(ServerSettings settings) throws IOException {
        if (admin != null) {
            return AdminSetup.prepare(
                    admin,
                    settings,
                    baseTimeout,
                    "il" + ProcessHandle.current().pid() + "s" + shares.incrementAndGet(),
                    added -> new AdminSetup.Endpoints(
                            smb == null
                                    ? null
                                    : new SmbEndpoint(
                                            smb.host(), smb.port(), added.smbShare(), smb.user(), smb.password()),
                            nfs == null
                                    ? null
                                    : new NfsEndpoint(
                                            nfs.host(),
                                            added.nfsExport(),
                                            nfs.nfsPort(),
                                            nfs.mountPort(),
                                            nfs.nlmPort(),
                                            nfs.portmapPort())));
        }
        Optional<String> refused = capabilities().refuse(settings, describe());
        if (refused.isPresent()) {
            return TargetSetup.skipped(refused.get());
        }
        return ScratchDirectories.setup(this, scratch, paths);
    }
}
