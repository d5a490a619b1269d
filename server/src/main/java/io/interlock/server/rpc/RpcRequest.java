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
 */
public record RpcRequest(
        int xid,
        int program,
        int version,
        int procedure,
        RpcCredential credential,
        XdrReader args,
        SocketAddress remote) {}
