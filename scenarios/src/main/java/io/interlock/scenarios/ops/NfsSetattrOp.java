package io.interlock.scenarios.ops;

/**
 * {@code nfs.setattr}: SETATTR of the size (RFC 1813 §3.3.2): truncates or extends the file.
 *
 * @param client the NFS client
 * @param path export-relative path
 * @param size the new size
 */
public record NfsSetattrOp(String client, String path, Long size) implements NfsOp {

    @Override
    public void validate(OpCheck check) {
        NfsOp.super.validate(check);
        check.require(size != null && size >= 0, "needs a size");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        ctx.nfs(client).setSize(path, size);
        return OpResult.ok("size=" + size);
    }

    @Override
    public String describe() {
        return path + " size=" + size;
    }
}
