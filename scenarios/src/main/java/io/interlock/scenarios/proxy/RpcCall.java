package io.interlock.scenarios.proxy;

/**
 * An ONC RPC CALL (RFC 5531 §9, call_body).
 *
 * @param xid xid
 * @param program prog (100003 NFS, 100005 MOUNT, 100021 NLM, 100024 NSM, 100000 portmap)
 * @param version vers
 * @param procedure proc
 * @param credentialFlavor cred.flavor (0 AUTH_NONE, 1 AUTH_SYS, 6 RPCSEC_GSS)
 */
public record RpcCall(int xid, int program, int version, int procedure, int credentialFlavor) implements RpcSummary {
    /** Largest opaque_auth body (RFC 5531 §8.2). */
    static final int MAX_AUTH = 400;

    static RpcSummary decode(WireCursor c, int xid) {
        int rpcvers = c.i32be(); // rpcvers (4 bytes): 2
        if (rpcvers != 2) {
            throw WireCursor.malformed("rpcvers " + rpcvers);
        }
        int prog = c.i32be(); // prog (4 bytes)
        int vers = c.i32be(); // vers (4 bytes)
        int proc = c.i32be(); // proc (4 bytes)
        int flavor = c.i32be(); // cred.flavor (4 bytes)
        c.skipXdrOpaque(MAX_AUTH); // cred.body
        c.i32be(); // verf.flavor (4 bytes)
        c.skipXdrOpaque(MAX_AUTH); // verf.body
        return new RpcCall(xid, prog, vers, proc, flavor);
    }
}
