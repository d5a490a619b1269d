package io.interlock.scenarios.targets.local;

import java.nio.file.Path;

/**
 * Where the peers keep their files: one root directory holding the shared tree ({@code share},
 * exported by both), Samba's private, lock, state, cache, pid, ncalrpc and log directories, and
 * ganesha's configuration, log and pid file. The same layout serves the local target (a fresh
 * temporary root) and the container image ({@link #CONTAINER_ROOT}).
 *
 * @param root the root directory
 */
public record PeerLayout(Path root) {
    /** The root inside the container image (Dockerfile). */
    public static final Path CONTAINER_ROOT = Path.of("/srv/interlock");

    /** The directory SMB shares and NFS exports: one tree, so the path map is the identity. */
    public Path share() {
        return root.resolve("share");
    }

    public Path sambaDir(String name) {
        return root.resolve("samba").resolve(name);
    }

    public Path smbConf() {
        return root.resolve("smb.conf");
    }

    public Path ganeshaConf() {
        return root.resolve("ganesha.conf");
    }

    public Path ganeshaLog() {
        return root.resolve("ganesha.log");
    }

    public Path ganeshaPid() {
        return root.resolve("ganesha.pid");
    }

    /** ganesha's RecoveryRoot (client records; away from the host's /var/lib/nfs/ganesha). */
    public Path recoveryRoot() {
        return root.resolve("ganesha-recovery");
    }

    /** rpc.statd's state directory (away from the host's /var/lib/nfs). */
    public Path statdDir() {
        return root.resolve("statd");
    }

    public Path sambaLog() {
        return sambaDir("log").resolve("log.smbd");
    }
}
