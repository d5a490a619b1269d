package io.interlock.server.nfs.v3;

import io.interlock.server.rpc.RpcRequest;

/**
 * What a handler knows about the call besides its arguments (no transport types).
 *
 * @param request the RPC call
 * @param who the caller's identity
 */
public record Nfs3Call(RpcRequest request, Nfs3Identity who) {
    public static Nfs3Call of(RpcRequest request) {
        return new Nfs3Call(request, Nfs3Identity.of(request.credential()));
    }
}
