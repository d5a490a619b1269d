package io.interlock.scenarios.targets.local;

/**
 * The ports the peers listen on. Inside a private network namespace (or a container) every port is
 * free, so these are the protocols' usual ones; MOUNT and NLM get fixed ports so that no
 * portmapper lookup is ever needed to reach them.
 *
 * @param smb smbd
 * @param nfs ganesha NFS (program 100003)
 * @param mount ganesha MOUNT (program 100005)
 * @param nlm ganesha NLM (program 100021)
 */
public record PeerPorts(int smb, int nfs, int mount, int nlm) {
    public static final PeerPorts STANDARD = new PeerPorts(445, 2049, 20048, 32803);
}
