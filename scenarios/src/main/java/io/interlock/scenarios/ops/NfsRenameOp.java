package io.interlock.scenarios.ops;

import java.util.List;

/**
 * {@code nfs.rename}: RENAME (RFC 1813 §3.3.14) of {@code path} to {@code to}, replacing a
 * compatible target.
 *
 * @param client the NFS client
 * @param path the source
 * @param to the target
 */
public record NfsRenameOp(String client, String path, String to) implements NfsOp {

    @Override
    public void validate(OpCheck check) {
        NfsOp.super.validate(check);
        check.require(to != null && !to.isBlank(), "nfs.rename needs 'to'");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).rename(path, to);
        return OpResult.ok("renamed");
    }

    @Override
    public String describe() {
        return path + " -> " + to;
    }

    @Override
    public List<String> paths() {
        return List.of(path, to);
    }
}
