package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.SmbClient;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code smb.read}: reads the whole file through an open handle (a caching client answers from
 * memory while it holds R).
 *
 * @param client the SMB client
 * @param path the handle's path
 * @param handle the handle
 * @param value the content the read must return (a hand-written expectation), or null
 */
public record SmbReadOp(String client, String path, String handle, String value) implements SmbHandleOp {

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.requireOpen(client, handleName());
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        SmbClient.Read r = ctx.smb(client).read(ctx.handle(client, handleName()));
        String got = new String(r.data(), StandardCharsets.UTF_8);
        if (value != null && !value.equals(got)) {
            throw new OpCheckFailed("read \"" + got + "\", expected \"" + value + "\"");
        }
        // the value tells the content check whether the server answered (a read from cache is no server read)
        return new OpResult(null, got + (r.fromCache() ? " (from cache)" : ""), r.data(), false, r);
    }

    @Override
    public String describe() {
        return OpText.handle(path, handle);
    }

    @Override
    public List<String> paths() {
        return path == null ? List.of() : List.of(path);
    }
}
