package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;

/**
 * An open registered for share-mode checks.
 *
 * @param openId the manager-assigned id; pass it to {@link LockManager#closeShared}
 * @param file the file
 * @param access {@link ShareMode} access bits
 * @param shareAccess {@link ShareMode} share bits
 * @param holderKey the lease key of this open, or {@link LeaseKey#forOplock} of its oplock; null
 *     for an open that caches nothing (e.g. NFS). Opens with a different (or no) key stop W being
 *     granted to a lease (R-SMB-17), so an adapter must pass the same key it requests a lease with.
 */
public record ShareOpen(long openId, FileId file, int access, int shareAccess, LeaseKey holderKey) {
    /** True when the open holds no data or delete access. */
    public boolean isStatOpen() {
        return (access & ShareMode.ALL) == 0;
    }
}
