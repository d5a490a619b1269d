package io.interlock.server.nfs.portmap;

import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers our programs with a running system portmapper/rpcbind (portmap v2 SET over TCP) and
 * removes them on close. A conflicting SET (another server's mapping) is replaced by UNSET + SET,
 * as DittoFS PR #1512 does; every version we serve is registered, because rpcbind's GETPORT falls
 * back to another version (spec R-PMAP-3).
 */
public final class RpcbindRegistrar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcbindRegistrar.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final InetSocketAddress rpcbind;
    private final List<PortmapMapping> registered = new ArrayList<>();

    public RpcbindRegistrar(InetSocketAddress rpcbind) {
        this.rpcbind = rpcbind;
    }

    /** True when a portmapper answers NULL at the address. */
    public static boolean reachable(InetSocketAddress address) {
        try (RpcClient c = new RpcClient(address, TIMEOUT)) {
            return c.call(
                            PortmapProgram.PROGRAM,
                            PortmapProgram.VERSION,
                            PortmapProgram.PMAPPROC_NULL,
                            RpcCredential.None.INSTANCE,
                            w -> {})
                    .success();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** SETs every mapping; throws if one cannot be registered. */
    public void register(List<PortmapMapping> mappings) throws IOException {
        try (RpcClient c = new RpcClient(rpcbind, TIMEOUT)) {
            for (PortmapMapping m : mappings) {
                if (!set(c, m)) {
                    call(c, PortmapProgram.PMAPPROC_UNSET, m);
                    if (!set(c, m)) {
                        throw new IOException("rpcbind at " + rpcbind + " refused SET " + m);
                    }
                }
                registered.add(m);
                log.info("registered {} v{} port {} with rpcbind {}", m.program(), m.version(), m.port(), rpcbind);
            }
        }
    }

    private static boolean set(RpcClient c, PortmapMapping m) throws IOException {
        return call(c, PortmapProgram.PMAPPROC_SET, m);
    }

    private static boolean call(RpcClient c, int proc, PortmapMapping m) throws IOException {
        RpcReplyView v =
                c.call(PortmapProgram.PROGRAM, PortmapProgram.VERSION, proc, RpcCredential.None.INSTANCE, m::encode);
        if (!v.success()) {
            throw new IOException("rpcbind answered " + v + " to proc " + proc);
        }
        return v.results().readBoolean();
    }

    /** UNSETs what we registered. */
    @Override
    public void close() {
        if (registered.isEmpty()) {
            return;
        }
        try (RpcClient c = new RpcClient(rpcbind, TIMEOUT)) {
            for (PortmapMapping m : registered) {
                call(c, PortmapProgram.PMAPPROC_UNSET, m);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not unregister from rpcbind {}: {}", rpcbind, e.toString());
        }
        registered.clear();
    }
}
