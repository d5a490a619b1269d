package io.interlock.server.nfs.v3;

import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import java.util.concurrent.CompletableFuture;

/**
 * One NFSv3 procedure. It decodes all its arguments first (an {@link
 * io.interlock.server.rpc.XdrException} becomes GARBAGE_ARGS), then acts. It reports errors by
 * throwing (or failing the future with) {@link Nfs3Exception} or {@link
 * io.interlock.server.core.vfs.FsException}; the procedure table turns them into the resfail arm.
 * The encoded result starts with the nfsstat3 (NFS3_OK).
 */
@FunctionalInterface
interface Nfs3Handler {
    CompletableFuture<XdrEncodable> handle(RpcRequest request) throws Exception;

    static CompletableFuture<XdrEncodable> ok(XdrEncodable resok) {
        return CompletableFuture.completedFuture(w -> {
            w.writeInt(Nfs3Status.NFS3_OK.code());
            resok.encode(w);
        });
    }
}
