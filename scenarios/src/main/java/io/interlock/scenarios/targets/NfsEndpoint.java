package io.interlock.scenarios.targets;

/**
 * Where an NFSv3 client reaches a target's export.
 *
 * <p>nfs-client-java finds MOUNT and NFS only through the portmapper on port 111 of {@code host}
 * (hard-coded), so the engine's NFS driver can reach an export only when {@link
 * #reachableByPortmapper()} holds; the explicit ports are for diagnostics and foreign clients.
 *
 * @param host server host or IP
 * @param exportPath the path to MOUNT, e.g. "/share"
 * @param nfsPort NFS program port (0 = unknown, ask the portmapper)
 * @param mountPort MOUNT program port (0 = unknown)
 * @param portmapPort where the portmapper answers (111 unless the target runs its own elsewhere)
 */
public record NfsEndpoint(String host, String exportPath, int nfsPort, int mountPort, int portmapPort) {
    public static final int PORTMAP_PORT = 111;

    public boolean reachableByPortmapper() {
        return portmapPort == PORTMAP_PORT;
    }

    @Override
    public String toString() {
        return "nfs://" + host + exportPath + (nfsPort > 0 ? "?nfsport=" + nfsPort : "")
                + (mountPort > 0 ? (nfsPort > 0 ? "&" : "?") + "mountport=" + mountPort : "");
    }
}
