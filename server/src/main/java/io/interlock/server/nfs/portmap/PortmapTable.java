package io.interlock.server.nfs.portmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mappings our own portmapper serves (RFC 1833 §3). Thread-safe. */
public final class PortmapTable {
    private record Key(int program, int version, int protocol) {}

    /** Guarded by this. */
    private final Map<Key, PortmapMapping> mappings = new LinkedHashMap<>();

    /** SET: refuses (false) when (prog, vers, prot) is already mapped. */
    public synchronized boolean set(PortmapMapping m) {
        return mappings.putIfAbsent(new Key(m.program(), m.version(), m.protocol()), m) == null;
    }

    /** UNSET: removes every transport of (prog, vers); prot and port are ignored. */
    public synchronized boolean unset(int program, int version) {
        return mappings.keySet().removeIf(k -> k.program == program && k.version == version);
    }

    /** GETPORT: the port, or 0 when (prog, vers, prot) is not mapped. */
    public synchronized int getPort(int program, int version, int protocol) {
        PortmapMapping m = mappings.get(new Key(program, version, protocol));
        return m == null ? 0 : m.port();
    }

    /** DUMP: every mapping once, in registration order. */
    public synchronized List<PortmapMapping> dump() {
        return new ArrayList<>(mappings.values());
    }
}
