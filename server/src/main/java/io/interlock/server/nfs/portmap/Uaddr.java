package io.interlock.server.nfs.portmap;

import io.interlock.server.rpc.Rpc;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Universal addresses for the inet netids (RFC 5665 §5.2.3.3, as rpcbind uses them): the IPv4 dotted
 * quad followed by the port's high and low byte, e.g. "127.0.0.1.8.1" for port 2049; IPv6 is the
 * textual address followed the same way. Only the parts rpcbind v3/v4 need.
 */
public final class Uaddr {
    /** The host part of a registration that listens on every address. */
    public static final String ANY_V4 = "0.0.0.0";

    private Uaddr() {}

    public static String of(String host, int port) {
        return host + "." + ((port >>> 8) & 0xFF) + "." + (port & 0xFF);
    }

    public static String of(InetAddress host, int port) {
        return of(host.getHostAddress(), port);
    }

    /** The port of a universal address, or -1 when it is not one. */
    public static int port(String uaddr) {
        int last = uaddr.lastIndexOf('.');
        int prev = last > 0 ? uaddr.lastIndexOf('.', last - 1) : -1;
        if (prev <= 0) {
            return -1;
        }
        try {
            int hi = Integer.parseInt(uaddr.substring(prev + 1, last));
            int lo = Integer.parseInt(uaddr.substring(last + 1));
            return hi < 0 || hi > 255 || lo < 0 || lo > 255 ? -1 : (hi << 8) | lo;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The host part of a universal address ("" when it is not one). */
    public static String host(String uaddr) {
        int last = uaddr.lastIndexOf('.');
        int prev = last > 0 ? uaddr.lastIndexOf('.', last - 1) : -1;
        return prev <= 0 ? "" : uaddr.substring(0, prev);
    }

    /**
     * The address a client should use: a registration on the IPv4 wildcard is answered with the
     * address the question arrived at (rpcbind's "merged" address), when that is known.
     */
    public static String merged(String uaddr, SocketAddress local) {
        if (!ANY_V4.equals(host(uaddr))
                || !(local instanceof InetSocketAddress isa)
                || !(isa.getAddress() instanceof Inet4Address a)
                || a.isAnyLocalAddress()) {
            return uaddr;
        }
        return of(a, port(uaddr));
    }

    /** The netid of an IP protocol number ("tcp", "udp"), or null. */
    public static String netidOf(int protocol) {
        return switch (protocol) {
            case Rpc.IPPROTO_TCP -> Rpcb.NETID_TCP;
            case Rpc.IPPROTO_UDP -> Rpcb.NETID_UDP;
            default -> null;
        };
    }

    /** The IP protocol number of an inet netid, or 0. */
    public static int protocolOf(String netid) {
        return switch (netid) {
            case Rpcb.NETID_TCP -> Rpc.IPPROTO_TCP;
            case Rpcb.NETID_UDP -> Rpc.IPPROTO_UDP;
            default -> 0;
        };
    }
}
