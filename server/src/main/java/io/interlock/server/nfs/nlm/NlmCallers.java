package io.interlock.server.nfs.nlm;

import io.interlock.server.core.vfs.FileId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Binds NLM lock owners to the host that uses them (spec §3.7, DittoFS's caller binding against
 * lock theft): an owner (caller_name, svid) is pinned to the transport source address of its
 * first LOCK that was GRANTED or BLOCKED, for as long as it holds or waits for a lock.
 *
 * <ul>
 *   <li>CANCEL and UNLOCK (and their _MSG forms) naming a pinned owner from another host are
 *       <b>ignored and answered NLM4_GRANTED</b>: XNFS 10 gives UNLOCK and CANCEL no refusal
 *       status besides the grace period, and from that host's point of view it holds nothing, so
 *       "nothing to release" is the truthful answer (as DittoFS; logged at INFO).
 *   <li>A LOCK naming a pinned owner from another host is NLM4_DENIED: two hosts sharing one
 *       caller_name and svid is a misconfiguration that would otherwise leak locks nobody can
 *       release.
 *   <li>GRANTED_RES is accepted only from the host the grant was sent to ({@link NlmGrants}).
 *   <li>FREE_ALL and SM_NOTIFY for a caller_name drop its pins (the client restarted, maybe with a
 *       new address).
 * </ul>
 *
 * Requests whose source is not an IP socket address (in-process calls) are never refused.
 */
final class NlmCallers {
    private record Owner(String caller, int svid) {}

    /** Guarded by NlmCallers.this. */
    private static final class Pin {
        final InetAddress host;
        final Set<FileId> files = new HashSet<>();

        Pin(InetAddress host) {
            this.host = host;
        }
    }

    /** Guarded by this. */
    private final Map<Owner, Pin> pins = new HashMap<>();

    private static Owner owner(Nlm4Lock l) {
        return new Owner(l.callerName(), l.svid());
    }

    static InetAddress hostOf(SocketAddress a) {
        return a instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }

    /** True unless the lock's owner is pinned to a host other than {@code from}. */
    synchronized boolean admits(Nlm4Lock l, SocketAddress from) {
        Pin p = pins.get(owner(l));
        InetAddress h = hostOf(from);
        return p == null || h == null || p.host.equals(h);
    }

    /** The owner holds or waits for a lock on {@code file}: pins it to {@code from}. */
    synchronized void holds(Nlm4Lock l, SocketAddress from, FileId file) {
        InetAddress h = hostOf(from);
        if (h == null) {
            return;
        }
        pins.computeIfAbsent(owner(l), o -> new Pin(h)).files.add(file);
    }

    /** After an UNLOCK or CANCEL: unpins the owner once it has nothing left anywhere. */
    synchronized void released(Nlm4Lock l, FileId file, boolean stillUsesFile) {
        Owner o = owner(l);
        Pin p = pins.get(o);
        if (p == null || stillUsesFile) {
            return;
        }
        p.files.remove(file);
        if (p.files.isEmpty()) {
            pins.remove(o);
        }
    }

    /** FREE_ALL / SM_NOTIFY. */
    synchronized void forget(String caller) {
        pins.keySet().removeIf(o -> o.caller.equals(caller));
    }

    synchronized int size() {
        return pins.size();
    }
}
