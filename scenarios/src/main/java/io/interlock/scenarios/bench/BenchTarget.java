package io.interlock.scenarios.bench;

import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One server a bench run measures: a {@link Target} (embedded, local peers, an address) under a
 * short label, with the process whose memory it can read when it can read one. Closing it closes
 * the target (stops what the run started).
 */
public final class BenchTarget implements AutoCloseable {
    private final String label;
    private final Target target;
    private final ProcessMemory memory;

    /**
     * @param label short name for tables, e.g. "embedded", "samba+ganesha"
     * @param target the server
     * @param memory its process, or null when this process cannot see it
     */
    public BenchTarget(String label, Target target, ProcessMemory memory) {
        this.label = label;
        this.target = target;
        this.memory = memory;
    }

    public String label() {
        return label;
    }

    public String describe() {
        return target.describe();
    }

    public Optional<SmbEndpoint> smb() {
        return target.smb();
    }

    /** The NFS endpoint, when the target has NFS and its MOUNT and NFS ports are known. */
    public Optional<NfsEndpoint> nfs() {
        return target.nfs().filter(NfsEndpoint::hasExplicitPorts);
    }

    /** Why the target has no usable NFS endpoint, when it has none. */
    public Optional<String> nfsMissing() {
        if (target.nfs().isEmpty()) {
            return Optional.of("no NFS on this target");
        }
        if (!target.nfs().get().hasExplicitPorts()) {
            return Optional.of("the bench needs explicit NFS and MOUNT ports (nfs://HOST/EXPORT?mount=PORT)");
        }
        return Optional.empty();
    }

    public Optional<ProcessMemory> memory() {
        return Optional.ofNullable(memory);
    }

    /** Connects the bench's own NFS client to the export. */
    public RpcNfsClient nfsClient() throws IOException {
        NfsEndpoint e = nfs().orElseThrow(
                        () -> new IOException(label + ": " + nfsMissing().orElse("no NFS")));
        return new RpcNfsClient(
                new InetSocketAddress(e.host(), e.nfsPort()),
                new InetSocketAddress(e.host(), e.mountPort()),
                e.exportPath());
    }

    @Override
    public void close() {
        target.close();
    }
}
