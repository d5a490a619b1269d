package io.interlock.scenarios.targets;

import java.util.Optional;

/** A server that is already running somewhere, given by host and ports (e.g. from CLI arguments). */
public final class AddressTarget implements Target {
    private final SmbEndpoint smb;
    private final NfsEndpoint nfs;

    /** Either endpoint may be null when the server does not offer that protocol. */
    public AddressTarget(SmbEndpoint smb, NfsEndpoint nfs) {
        if (smb == null && nfs == null) {
            throw new IllegalArgumentException("a target needs at least one of SMB and NFS");
        }
        this.smb = smb;
        this.nfs = nfs;
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
        return "address" + (smb != null ? " " + smb : "") + (nfs != null ? " " + nfs : "");
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.ofNullable(smb);
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.ofNullable(nfs);
    }
}
