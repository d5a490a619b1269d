package io.interlock.server.nfs.portmap;

import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * An rpcbind registration (RFC 1833 §2.1: struct rpcb), the argument of RPCBPROC_SET, UNSET,
 * GETADDR and GETVERSADDR and the element of RPCBPROC_DUMP's list (versions 3 and 4).
 *
 * @param program r_prog
 * @param version r_vers
 * @param netid r_netid: "tcp", "udp", "tcp6", ... (empty in UNSET: every netid)
 * @param addr r_addr, a universal address (see {@link Uaddr}); ignored in UNSET and GETADDR
 * @param owner r_owner: who registered it ("superuser" for our own services)
 */
public record Rpcb(int program, int version, String netid, String addr, String owner) {
    /** Bound of the strings (rpcbind takes RPC_MAXDATASIZE; names are short in practice). */
    public static final int MAX_STRING = 1024;

    public static final String NETID_TCP = "tcp";
    public static final String NETID_UDP = "udp";
    public static final String OWNER_SUPERUSER = "superuser";

    public static Rpcb decode(XdrReader r) {
        return new Rpcb(
                r.readInt(), // r_prog (4 bytes)
                r.readInt(), // r_vers (4 bytes)
                r.readString(MAX_STRING), // r_netid string<>
                r.readString(MAX_STRING), // r_addr string<>
                r.readString(MAX_STRING)); // r_owner string<>
    }

    public void encode(XdrWriter w) {
        w.writeInt(program); // r_prog
        w.writeInt(version); // r_vers
        w.writeString(netid); // r_netid
        w.writeString(addr); // r_addr
        w.writeString(owner); // r_owner
    }
}
