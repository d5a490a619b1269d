package io.interlock.scenarios.targets.local;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The real-server pairs Interlock can start by itself, locally ({@link LocalPeersTarget}) or in a
 * container ({@code ContainerTarget}): Debian's Samba and nfs-ganesha (VFS FSAL) over one
 * directory.
 */
public enum PeerVariant {
    /** Stock smb.conf beside ganesha: the common deployment. Nothing couples Samba's leases to NFS. */
    SAMBA_GANESHA("samba+ganesha", true, true, false),
    /**
     * {@code kernel oplocks = yes} and {@code posix locking = yes}: what Samba documents for files
     * shared with other protocols. Samba then holds a kernel lease (F_SETLEASE) for each oplock, so a
     * conflicting open by ganesha makes the kernel ask Samba to break first.
     */
    SAMBA_GANESHA_KERNEL_OPLOCKS("samba+ganesha:kernel-oplocks", true, true, true),
    /** Samba alone: SMB only. */
    SAMBA("samba", true, false, false),
    /** ganesha alone: NFSv3 + MOUNT + NLM only. */
    GANESHA("ganesha", false, true, false);

    private final String id;
    private final boolean samba;
    private final boolean ganesha;
    private final boolean kernelOplocks;

    PeerVariant(String id, boolean samba, boolean ganesha, boolean kernelOplocks) {
        this.id = id;
        this.samba = samba;
        this.ganesha = ganesha;
        this.kernelOplocks = kernelOplocks;
    }

    /** The {@code --target} name. */
    public String id() {
        return id;
    }

    public boolean samba() {
        return samba;
    }

    public boolean ganesha() {
        return ganesha;
    }

    public boolean kernelOplocks() {
        return kernelOplocks;
    }

    public static Optional<PeerVariant> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PeerVariant::id).toList();
    }
}
