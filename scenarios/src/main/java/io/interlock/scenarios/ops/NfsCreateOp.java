package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import java.util.Locale;

/**
 * {@code nfs.create}: CREATE (RFC 1813 §3.3.8) GUARDED (default), UNCHECKED or EXCLUSIVE; UNCHECKED
 * with {@code size: 0} truncates an existing file.
 *
 * @param client the NFS client
 * @param path export-relative path
 * @param mode guarded | unchecked | exclusive
 * @param size the size to set (UNCHECKED/GUARDED sattr3), or null
 */
public record NfsCreateOp(String client, String path, String mode, Long size) implements NfsOp {

    public Nfs3CreateMode createMode() {
        return mode == null ? Nfs3CreateMode.GUARDED : Nfs3CreateMode.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    @Override
    public void validate(OpCheck check) {
        NfsOp.super.validate(check);
        try {
            createMode();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be guarded, unchecked or exclusive, got " + mode);
        }
        check.require(size == null || size >= 0, "size must not be negative");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).create(path, createMode(), size);
        return OpResult.ok(
                "created " + createMode().name().toLowerCase(Locale.ROOT) + (size != null ? " size=" + size : ""));
    }

    @Override
    public String describe() {
        return path + (mode != null ? " mode=" + mode : "") + (size != null ? " size=" + size : "");
    }
}
