package io.interlock.scenarios.ops;

import java.util.List;

/**
 * {@code nfs.link}: LINK (RFC 1813 §3.3.15): a new name {@code to} for the file {@code path}.
 *
 * @param client the NFS client
 * @param path the existing file
 * @param to the new name
 */
public record NfsLinkOp(String client, String path, String to) implements NfsOp {

    @Override
    public void validate(OpCheck check) {
        NfsOp.super.validate(check);
        check.require(to != null && !to.isBlank(), "nfs.link needs 'to'");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).link(path, to);
        return OpResult.ok("linked");
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
