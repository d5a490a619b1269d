package io.interlock.scenarios.clients.rpc;

import io.interlock.scenarios.clients.ClientActivity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Portmapper v2 calls (RFC 1833 §3, program 100000) at an explicit address, each over its own
 * short connection. The engine's clients never look a portmapper up on their own: they are told
 * where it is (the embedded server's ephemeral one, or port 111 where the user said so).
 */
public final class PortmapClient {
    public static final int PROGRAM = 100000;
    public static final int VERSION = 2;
    public static final int IPPROTO_TCP = 6;

    private static final int SET = 1;
    private static final int UNSET = 2;
    private static final int GETPORT = 3;

    private final InetSocketAddress portmapper;
    private final Duration timeout;
    private final XidSequence xids;
    private final String machineName;
    private final ClientActivity activity;

    public PortmapClient(
            InetSocketAddress portmapper,
            Duration timeout,
            XidSequence xids,
            String machineName,
            ClientActivity activity) {
        this.portmapper = portmapper;
        this.timeout = timeout;
        this.xids = xids;
        this.machineName = machineName;
        this.activity = activity;
    }

    public InetSocketAddress address() {
        return portmapper;
    }

    /** GETPORT (proc 3): the TCP port of ({@code program}, {@code version}), 0 when not mapped. */
    public int getPort(int program, int version) throws IOException {
        return (int) call(GETPORT, program, version, 0).uint32();
    }

    /** SET (proc 1) of ({@code program}, {@code version}, TCP, {@code port}); the portmapper's answer. */
    public boolean set(int program, int version, int port) throws IOException {
        return call(SET, program, version, port).bool();
    }

    /** UNSET (proc 2) of ({@code program}, {@code version}): every transport's mapping goes. */
    public boolean unset(int program, int version) throws IOException {
        return call(UNSET, program, version, 0).bool();
    }

    private XdrIn call(int proc, int program, int version, int port) throws IOException {
        // mapping: prog, vers, prot, port (RFC 1833 §3)
        byte[] mapping = new XdrOut()
                .int32(program)
                .int32(version)
                .int32(IPPROTO_TCP)
                .int32(port)
                .bytes();
        try (RpcConnection c = RpcConnection.open(portmapper, timeout, xids, AuthSys.root(machineName), activity)) {
            return c.call(PROGRAM, VERSION, proc, mapping);
        }
    }
}
