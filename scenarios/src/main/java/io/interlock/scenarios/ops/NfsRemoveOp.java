package io.interlock.scenarios.ops;

/**
 * {@code nfs.remove}: REMOVE (RFC 1813 §3.3.12) of a file.
 *
 * @param client the NFS client
 * @param path export-relative path
 */
public record NfsRemoveOp(String client, String path) implements NfsOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).remove(path);
        return OpResult.ok("removed");
    }

    @Override
    public String describe() {
        return path;
    }
}
