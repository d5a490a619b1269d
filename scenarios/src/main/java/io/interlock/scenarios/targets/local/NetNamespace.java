package io.interlock.scenarios.targets.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private network namespace joined to this host's namespace by a veth pair on a private /30 of
 * 10.254.0.0/16: the host side gets {@code .1}, the namespace side {@code .2}. Servers started in
 * the namespace bind the {@code .2} address (a non-loopback address, which ganesha needs to
 * resolve its Bind_addr), and this JVM, which stays in the host namespace, reaches them there. Port
 * 111 of that address belongs to the namespace's own rpcbind, so nfs-client-java's portmapper
 * lookup reaches it while the host's port 111 is never touched.
 *
 * <p>Index {@code i} of the /30 is claimed by creating the namespace {@code interlock-i}: {@code ip
 * netns add} fails if another run holds it, and the next index is tried. Closing deletes the
 * namespace and the host end of the pair (the other end goes with the namespace); processes still
 * in the namespace must be stopped first ({@link #pids}).
 */
final class NetNamespace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetNamespace.class);
    private static final int SLOTS = 16384;
    private static final int ATTEMPTS = 64;

    private final String name;
    private final String hostIf;
    private final String hostAddress;
    private final String peerAddress;
    private boolean closed;

    private NetNamespace(String name, String hostIf, String hostAddress, String peerAddress) {
        this.name = name;
        this.hostIf = hostIf;
        this.hostAddress = hostAddress;
        this.peerAddress = peerAddress;
    }

    /** The addresses of slot {@code i}: host {@code 10.254.a.b+1}, namespace {@code +2}. */
    static String[] addresses(int slot) {
        int base = slot * 4;
        String prefix = "10.254." + (base >> 8) + ".";
        return new String[] {prefix + ((base & 0xff) + 1), prefix + ((base & 0xff) + 2)};
    }

    /** Claims a free slot and sets the pair up. */
    static NetNamespace create() throws IOException {
        String inUse = Commands.check(List.of("ip", "-4", "-o", "addr", "show"));
        int start = (int) (ProcessHandle.current().pid() * 131 % SLOTS);
        for (int k = 0; k < ATTEMPTS; k++) {
            int slot = (start + k) % SLOTS;
            String[] a = addresses(slot);
            if (inUse.contains(" " + a[0] + "/") || inUse.contains(" " + a[1] + "/")) {
                continue;
            }
            String name = "interlock-" + slot;
            Commands.Result r = Commands.run(List.of("ip", "netns", "add", name), null, Duration.ofSeconds(10));
            if (r.exit() != 0) {
                if (r.output().contains("File exists")) {
                    continue; // another run holds this slot
                }
                throw new IOException("ip netns add " + name + " failed: " + r.output());
            }
            NetNamespace ns = new NetNamespace(name, "ilv" + slot + "h", a[0], a[1]);
            try {
                ns.wire();
            } catch (IOException | RuntimeException e) {
                ns.close();
                throw e;
            }
            return ns;
        }
        throw new IOException("no free slot for a private network namespace after " + ATTEMPTS + " attempts");
    }

    private void wire() throws IOException {
        String peerIf = hostIf.substring(0, hostIf.length() - 1) + "p";
        Commands.check(List.of("ip", "link", "add", hostIf, "type", "veth", "peer", "name", peerIf));
        Commands.check(List.of("ip", "link", "set", peerIf, "netns", name));
        Commands.check(List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostIf));
        Commands.check(List.of("ip", "link", "set", hostIf, "up"));
        exec(List.of("ip", "addr", "add", peerAddress + "/30", "dev", peerIf));
        exec(List.of("ip", "link", "set", peerIf, "up"));
        exec(List.of("ip", "link", "set", "lo", "up"));
        log.debug("network namespace {}: {} <-> {}", name, hostAddress, peerAddress);
    }

    /**
     * Lets servers in the namespace call this host back the way lockd does, without touching this
     * host's port 111. An NLM server (ganesha) that calls a client back asks the portmapper on the
     * client's host (the caller_name the client sent, here the host side address H) for the NLM
     * port, then connects to H at that port. Inside the namespace:
     *
     * <ul>
     *   <li>H is also put on the namespace's loopback, and policy routing sends TCP and UDP to port
     *       111 of H (and the replies from H:111 to H) to the local table: the namespace's own
     *       rpcbind answers for H;
     *   <li>everything else to H goes out through the veth pair as before (the local table's rule
     *       moves behind these), so the connection itself reaches this JVM's listener on H;
     *   <li>accept_local lets replies from H (a local address in here) in through the veth.
     * </ul>
     *
     * The namespace's rpcbind maps NLM to ganesha's own NLM port, so the engine's listener binds
     * that same port on H (free there: H is this target's address).
     */
    void routePortmapperToSelf() throws IOException {
        String peerIf = hostIf.substring(0, hostIf.length() - 1) + "p";
        exec(List.of("ip", "addr", "add", hostAddress + "/32", "dev", "lo"));
        int pref = 10;
        for (String proto : List.of("tcp", "udp")) {
            // a call to H:111 from inside (from H, the source the kernel picks for a local
            // destination, or from the namespace address ganesha binds), and its reply from H:111 to
            // H; the rpcbind's replies to this host come from the namespace address and still go
            // out through the veth
            rule(pref++, "to", hostAddress, "ipproto", proto, "dport", "111", "lookup", "local");
            rule(pref++, "from", hostAddress, "to", hostAddress, "ipproto", proto, "sport", "111", "lookup", "local");
        }
        exec(List.of("ip", "rule", "add", "pref", "20", "to", hostAddress, "lookup", "main"));
        exec(List.of("ip", "rule", "add", "pref", "100", "lookup", "local"));
        exec(List.of("ip", "rule", "del", "pref", "0"));
        // /proc/sys/net is the reading process's namespace: written from inside, no procps needed
        StringBuilder sysctl = new StringBuilder();
        for (String dev : List.of("all", "default", "lo", peerIf)) {
            String d = "/proc/sys/net/ipv4/conf/" + dev + "/";
            sysctl.append("echo 1 > ")
                    .append(d)
                    .append("accept_local; echo 0 > ")
                    .append(d)
                    .append("rp_filter; ");
        }
        exec(List.of("sh", "-c", sysctl.toString()));
    }

    private void rule(int pref, String... selector) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "rule", "add", "pref", String.valueOf(pref)));
        cmd.addAll(List.of(selector));
        exec(cmd);
    }

    /** Runs a command inside the namespace. */
    String exec(List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(cmd);
        return Commands.check(full);
    }

    String name() {
        return name;
    }

    /** The namespace side's address, where its servers listen. */
    String peerAddress() {
        return peerAddress;
    }

    /** The host side's address, where this JVM is seen from inside. */
    String hostAddress() {
        return hostAddress;
    }

    /** The processes running in the namespace. */
    List<Long> pids() throws IOException {
        List<Long> out = new ArrayList<>();
        Commands.Result r = Commands.run(List.of("ip", "netns", "pids", name), null, Duration.ofSeconds(10));
        for (String line : r.output().split("\\s+")) {
            if (line.matches("\\d+")) {
                out.add(Long.valueOf(line));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (List<String> cmd : List.of(List.of("ip", "link", "del", hostIf), List.of("ip", "netns", "del", name))) {
            try {
                Optional.of(Commands.run(cmd, null, Duration.ofSeconds(10)))
                        .filter(r -> r.exit() != 0 && !r.output().contains("Cannot find device"))
                        .ifPresent(r -> log.warn("{}: {}", String.join(" ", cmd), r.output()));
            } catch (IOException e) {
                log.warn("{}: {}", String.join(" ", cmd), e.toString());
            }
        }
    }
}
