package io.interlock.server.rpc;

import java.net.SocketAddress;

/**
 * What a procedure handler sees of a call: no transport types.
 *
 * @param xid transaction id
 * @param program program number
 * @param version program version
 * @param procedure procedure number
 * @param credential the verified credential
 * @param args the arguments, positioned at their start
 * @param remote the caller's address
 * @param local the address the call arrived at (our side), or null when unknown; rpcbind GETADDR
 *     answers a wildcard registration with it, as rpcbind does
 */
public record RpcRequest(
        int xid,
        int program,
        int version,
        int procedure,
        RpcCredential credential,
        XdrReader args,
        SocketAddress remote,
        SocketAddress local) {

    /** A request whose local address is unknown. */
    public RpcRequest(
            int xid,
            int program,
            int version,
            int procedure,
            RpcCredential credential,
            XdrReader args,
            SocketAddress remote) {
        this(xid, program, version, procedure, credential, args, remote, null);
    }
}
