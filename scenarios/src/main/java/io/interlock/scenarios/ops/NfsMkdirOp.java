package io.interlock.scenarios.ops;

/**
 * {@code nfs.mkdir}: MKDIR (RFC 1813 §3.3.9).
 *
 * @param client the NFS client
 * @param path export-relative path
 */
public record NfsMkdirOp(String client, String path) implements NfsOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).mkdir(path);
        return OpResult.ok("created directory");
    }

    @Override
    public String describe() {
        return path;
    }
}
