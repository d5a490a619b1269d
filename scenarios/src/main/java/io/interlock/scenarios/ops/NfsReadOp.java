package io.interlock.scenarios.ops;

import java.nio.charset.StandardCharsets;

/**
 * {@code nfs.read}: READ of the whole file (RFC 1813 §3.3.6).
 *
 * @param client the NFS client
 * @param path export-relative path
 * @param value the content the read must return (a hand-written expectation), or null
 */
public record NfsReadOp(String client, String path, String value) implements NfsOp {

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        byte[] data = ctx.nfs(client).read(path);
        String got = new String(data, StandardCharsets.UTF_8);
        if (value != null && !value.equals(got)) {
            throw new OpCheckFailed("read \"" + got + "\", expected \"" + value + "\"");
        }
        return OpResult.read(data, got);
    }

    @Override
    public String describe() {
        return path;
    }
}
