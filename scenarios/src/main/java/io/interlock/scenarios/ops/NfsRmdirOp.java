package io.interlock.scenarios.ops;

/**
 * {@code nfs.rmdir}: RMDIR (RFC 1813 §3.3.13) of an empty directory.
 *
 * @param client the NFS client
 * @param path export-relative path
 */
public record NfsRmdirOp(String client, String path) implements NfsOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).rmdir(path);
        return OpResult.ok("removed directory");
    }

    @Override
    public String describe() {
        return path;
    }
}
