package io.interlock.scenarios.bench;

import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * Where the load run sends its traffic.
 *
 * @param smb SMB2/3 address
 * @param share the SMB share (and NFS export {@code /share})
 * @param user SMB user
 * @param password SMB password
 * @param nfs NFSv3 address
 * @param mount MOUNT v3 address
 * @param serverRssKiB the server's resident set size in KiB, or null when it cannot be measured
 *     (an embedded server: this process's VmRSS)
 */
public record LoadTarget(
        InetSocketAddress smb,
        String share,
        String user,
        String password,
        InetSocketAddress nfs,
        InetSocketAddress mount,
        LongSupplier serverRssKiB) {

    /** VmRSS of this process from /proc/self/status, in KiB; -1 where there is no such file. */
    public static long selfRssKiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
