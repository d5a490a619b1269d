package io.interlock.server.nfs.v3;

import io.interlock.server.rpc.XdrEncodable;
import java.util.concurrent.CompletableFuture;

/**
 * One NFSv3 procedure (STYLE rule 2): it gets decoded arguments (the dispatch table decodes them;
 * an {@link io.interlock.server.rpc.XdrException} there becomes GARBAGE_ARGS), validates, calls
 * the store, and builds its result record. It reports errors by throwing (or failing the future
 * with) {@link Nfs3Exception}, whose resfail body is the procedure's resfail arm, or {@link
 * io.interlock.server.core.vfs.FsException}; the table turns them into the reply.
 *
 * @param <A> the procedure's argument record
 */
@FunctionalInterface
interface Nfs3Handler<A> {
    CompletableFuture<? extends XdrEncodable> handle(Nfs3Call call, A args) throws Exception;

    static <R extends XdrEncodable> CompletableFuture<R> done(R result) {
        return CompletableFuture.completedFuture(result);
    }
}
