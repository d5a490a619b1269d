package io.interlock.server.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * One procedure of a program. It decodes its arguments synchronously (an {@link XdrException}
 * thrown from {@code call} becomes GARBAGE_ARGS), then returns a future of its results; a future
 * that fails becomes SYSTEM_ERR, so programs map their own errors into results first.
 */
@FunctionalInterface
public interface RpcProcedure {
    CompletableFuture<XdrEncodable> call(RpcRequest request);
}
