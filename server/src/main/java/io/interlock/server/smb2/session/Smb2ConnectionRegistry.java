package io.interlock.server.smb2.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Live connections by ClientGuid, so a lease break reaches a connection of the lease's client. */
public final class Smb2ConnectionRegistry {
    private final Map<UUID, Set<Smb2Connection>> byGuid = new ConcurrentHashMap<>();
    private final Set<Smb2Connection> all = ConcurrentHashMap.newKeySet();

    public void add(Smb2Connection c) {
        all.add(c);
    }

    /** Called after NEGOTIATE, once the ClientGuid is known. */
    public void bind(Smb2Connection c, UUID guid) {
        byGuid.computeIfAbsent(guid, g -> ConcurrentHashMap.newKeySet()).add(c);
    }

    public void remove(Smb2Connection c) {
        all.remove(c);
        UUID g = c.clientGuid();
        if (g != null) {
            byGuid.computeIfPresent(g, (k, s) -> {
                s.remove(c);
                return s.isEmpty() ? null : s;
            });
        }
    }

    /** Active connections of a client. */
    public List<Smb2Connection> of(UUID guid) {
        Set<Smb2Connection> s = byGuid.get(guid);
        return s == null
                ? List.of()
                : s.stream().filter(c -> c.transport().isActive()).toList();
    }

    public List<Smb2Connection> all() {
        return List.copyOf(all);
    }
}
