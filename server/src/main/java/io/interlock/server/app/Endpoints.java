package io.interlock.server.app;

import java.net.InetSocketAddress;

/**
 * Where a running server listens. A null component is not running.
 *
 * @param smb SMB2/3 over TCP
 * @param nfs NFSv3 (program 100003) over TCP
 * @param mount MOUNT v3 (program 100005) over TCP
 * @param portmap our own portmapper, or null when registered with the system rpcbind or off
 * @param nlm NLM v4 (program 100021) and NSM v1 (100024), one port
 */
public record Endpoints(
        InetSocketAddress smb,
        InetSocketAddress nfs,
        InetSocketAddress mount,
        InetSocketAddress portmap,
        InetSocketAddress nlm) {

    private static String hp(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** The {@code interlock ready ...} line printed by {@code interlock serve}. */
    public String readyLine() {
        StringBuilder b = new StringBuilder("interlock ready");
        if (smb != null) {
            b.append(" smb=").append(hp(smb));
        }
        if (nfs != null) {
            b.append(" nfs=").append(hp(nfs));
        }
        if (mount != null) {
            b.append(" mount=").append(hp(mount));
        }
        if (portmap != null) {
            b.append(" portmap=").append(hp(portmap));
        }
        if (nlm != null) {
            b.append(" nlm=").append(hp(nlm));
        }
        return b.toString();
    }
}
