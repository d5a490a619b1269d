package io.interlock.server.nfs.portmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registrations our own portmapper serves, one table for both views: portmap v2 mappings
 * (RFC 1833 §3: prog, vers, IP protocol, port) and rpcbind v3/v4 registrations (§2: prog, vers,
 * netid, universal address, owner). A v2 mapping is the registration with netid "tcp"/"udp" and
 * the wildcard address; v2 sees only the IPv4 tcp/udp registrations. Thread-safe.
 */
public final class PortmapTable {
    private record Key(int program, int version, String netid) {}

    /** Guarded by this. */
    private final Map<Key, Rpcb> entries = new LinkedHashMap<>();

    /** v2 SET: refuses (false) when (prog, vers, prot) is already mapped, or prot is not TCP/UDP. */
    public boolean set(PortmapMapping m) {
        String netid = Uaddr.netidOf(m.protocol());
        if (netid == null || m.port() <= 0 || m.port() > 65535) {
            return false;
        }
        return set(new Rpcb(m.program(), m.version(), netid, Uaddr.of(Uaddr.ANY_V4, m.port()), Rpcb.OWNER_SUPERUSER));
    }

    /** v3/v4 SET: refuses (false) when (prog, vers, netid) is already registered. */
    public synchronized boolean set(Rpcb r) {
        if (r.netid().isEmpty()) {
            return false;
        }
        return entries.putIfAbsent(new Key(r.program(), r.version(), r.netid()), r) == null;
    }

    /** v2 UNSET: removes every transport of (prog, vers); prot and port are ignored. */
    public boolean unset(int program, int version) {
        return unset(program, version, "");
    }

    /** v3/v4 UNSET: removes (prog, vers) on {@code netid}, or on every netid when it is empty. */
    public synchronized boolean unset(int program, int version, String netid) {
        return entries.keySet()
                .removeIf(k ->
                        k.program == program && k.version == version && (netid.isEmpty() || k.netid.equals(netid)));
    }

    /** v2 GETPORT: the port, or 0 when (prog, vers, prot) is not mapped. */
    public synchronized int getPort(int program, int version, int protocol) {
        String netid = Uaddr.netidOf(protocol);
        Rpcb r = netid == null ? null : entries.get(new Key(program, version, netid));
        return r == null ? 0 : Math.max(0, Uaddr.port(r.addr()));
    }

    /**
     * v3/v4 GETADDR and v4 GETVERSADDR: the registration of exactly (prog, vers, netid), or null.
     * (rpcbind's GETADDR falls back to another version of the program; ours, like our GETPORT, does
     * not, so a client never gets an address that answers PROG_MISMATCH.)
     */
    public synchronized Rpcb getAddr(int program, int version, String netid) {
        return entries.get(new Key(program, version, netid));
    }

    /** v2 DUMP: every tcp/udp registration once, as a mapping, in registration order. */
    public synchronized List<PortmapMapping> dump() {
        List<PortmapMapping> out = new ArrayList<>();
        for (Rpcb r : entries.values()) {
            int prot = Uaddr.protocolOf(r.netid());
            int port = Uaddr.port(r.addr());
            if (prot != 0 && port >= 0) {
                out.add(new PortmapMapping(r.program(), r.version(), prot, port));
            }
        }
        return out;
    }

    /** v3/v4 DUMP: every registration once, in registration order. */
    public synchronized List<Rpcb> dumpRpcb() {
        return new ArrayList<>(entries.values());
    }
}
