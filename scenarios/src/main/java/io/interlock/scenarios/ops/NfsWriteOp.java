package io.interlock.scenarios.ops;

import java.nio.charset.StandardCharsets;

/**
 * {@code nfs.write}: WRITE (FILE_SYNC) of {@code data} at {@code offset} (RFC 1813 §3.3.7),
 * creating the file (CREATE UNCHECKED) if it does not exist.
 *
 * @param client the NFS client
 * @param path export-relative path
 * @param offset byte offset (default 0)
 * @param data the bytes, as UTF-8 text
 */
public record NfsWriteOp(String client, String path, Long offset, String data) implements NfsOp {

    public long offsetOrZero() {
        return offset == null ? 0 : offset;
    }

    public byte[] bytes() {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void validate(OpCheck check) {
        NfsOp.super.validate(check);
        check.require(data != null, "needs data");
        check.require(offset == null || offset >= 0, "offset must not be negative");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        return OpResult.ok(ctx.nfs(client).write(path, offsetOrZero(), bytes()) + " bytes");
    }

    @Override
    public String describe() {
        return path + " \"" + data + "\"" + (offset != null ? "@" + offset : "");
    }
}
