package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.SmbClient;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code smb.write}: WRITE of {@code data} at {@code offset} through an open handle; a caching
 * client keeps it in memory while it holds W.
 *
 * @param client the SMB client
 * @param path the handle's path (names the handle when {@code handle} is absent)
 * @param handle the handle
 * @param offset byte offset (default 0)
 * @param data the bytes, as UTF-8 text
 */
public record SmbWriteOp(String client, String path, String handle, Long offset, String data) implements SmbHandleOp {

    public long offsetOrZero() {
        return offset == null ? 0 : offset;
    }

    public byte[] bytes() {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.require(data != null, "needs data");
        check.require(offset == null || offset >= 0, "offset must not be negative");
        check.requireOpen(client, handleName());
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        byte[] b = bytes();
        SmbClient.Written w = ctx.smb(client).write(ctx.handle(client, handleName()), offsetOrZero(), b, ctx.stepId());
        // the value tells the content check whether the bytes reached the server now or wait for a flush
        return new OpResult(
                null, b.length + " bytes " + (w == SmbClient.Written.CACHED ? "cached" : "sent"), null, false, w);
    }

    @Override
    public String describe() {
        return OpText.handle(path, handle) + " \"" + data + "\"" + (offset != null ? "@" + offset : "");
    }

    @Override
    public List<String> paths() {
        return path == null ? List.of() : List.of(path);
    }
}
