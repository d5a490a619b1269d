package io.interlock.server.nfs.portmap;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * A portmapper mapping (RFC 1833 §3: struct mapping).
 *
 * @param program prog
 * @param version vers
 * @param protocol IPPROTO_TCP (6) or IPPROTO_UDP (17)
 * @param port the port (0 in GETPORT arguments, ignored there)
 */
public record PortmapMapping(int program, int version, int protocol, int port) {
    public static PortmapMapping decode(XdrReader r) {
        // prog, vers, prot, port (4 bytes each, unsigned)
        return new PortmapMapping(r.readInt(), r.readInt(), r.readInt(), r.readInt());
    }

    public void encode(XdrWriter w) {
        w.writeInt(program).writeInt(version).writeInt(protocol).writeInt(port);
    }
}
