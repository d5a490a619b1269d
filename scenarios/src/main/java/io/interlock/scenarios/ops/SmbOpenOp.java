package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbOpen;
import java.util.List;
import java.util.UUID;

/**
 * {@code smb.open}: CREATE with FILE_OPEN_IF, read/write, share R|W|D ([MS-SMB2] 2.2.13), optionally
 * requesting a lease (RqLs v1 or v2), or a directory for reading.
 *
 * @param client the SMB client
 * @param path share-relative path
 * @param handle the handle's name in later steps (default: the path)
 * @param lease the lease state to request (e.g. RWH), or null for none
 * @param leaseVersion v1 or v2 (default v2)
 * @param directory open a directory (FILE_DIRECTORY_FILE)
 * @param granted the lease state the server must grant (a hand-written expectation), or null
 * @param key names the lease key (default: the handle): opens of one client naming the same key
 *     share one lease ([MS-SMB2] 3.3.5.9.8)
 */
public record SmbOpenOp(
        String client,
        String path,
        String handle,
        String lease,
        String leaseVersion,
        Boolean directory,
        String granted,
        String key)
        implements SmbHandleOp {

    /** The name of the lease key this open requests. */
    public String keyName() {
        return key != null ? key : handleName();
    }

    @Override
    public void validate(OpCheck check) {
        SmbHandleOp.super.validate(check);
        check.require(path != null && !path.isBlank(), "needs a path");
        if (lease != null) {
            LeaseBits.parse(lease);
        }
        if (granted != null) {
            LeaseBits.parse(granted);
        }
        if (leaseVersion != null) {
            LeaseVersion.parse(leaseVersion);
        }
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        if (lease != null) {
            ctx.requireLeasing(client, Boolean.TRUE.equals(directory));
        }
        UUID leaseKey = lease == null ? null : ctx.leaseKey(client, keyName());
        LeaseVersion v = leaseVersion == null ? LeaseVersion.V2 : LeaseVersion.parse(leaseVersion);
        SmbOpen o = ctx.smb(client)
                .open(path, leaseKey, lease == null ? 0 : LeaseBits.parse(lease), v, Boolean.TRUE.equals(directory));
        ctx.opened(client, handleName(), o);
        String detail =
                lease == null ? "opened" : "granted " + LeaseBits.format(o.leaseState()) + " epoch=" + o.leaseEpoch();
        if (granted != null && LeaseBits.parse(granted) != o.leaseState()) {
            throw new OpCheckFailed(detail + ", expected " + LeaseBits.format(LeaseBits.parse(granted)));
        }
        return OpResult.ok(detail);
    }

    @Override
    public String describe() {
        return path
                + (handle != null && !handle.equals(path) ? " handle=" + handle : "")
                + (lease != null ? " lease=" + lease + (leaseVersion != null ? "/" + leaseVersion : "") : "")
                + (key != null ? " key=" + key : "")
                + (key != null ? " key=" + key : "")
                + (Boolean.TRUE.equals(directory) ? " directory" : "");
    }

    @Override
    public List<String> paths() {
        return List.of(path);
    }
}
