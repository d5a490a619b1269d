package io.interlock.scenarios.targets.local;

import java.util.List;

/**
 * The Debian packages the peers come from: the local target needs them installed, the container
 * image installs them, and {@code .ci/run} installs them on CI (a unit test keeps the Dockerfile in
 * step).
 */
public final class PeerPackages {
    /** samba-vfs-modules brings streams_xattr; nfs-common brings rpc.statd (ganesha's NLM needs NSM). */
    public static final List<String> DEBIAN = List.of(
            "samba", "samba-vfs-modules", "nfs-ganesha", "nfs-ganesha-vfs", "rpcbind", "nfs-common", "iproute2");

    private PeerPackages() {}
}
