package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.OplockLevel;
import io.interlock.server.core.lock.OplockRequest;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.smb2.wire.CreateRequest;

/**
 * Traditional oplock grants for CREATE ([MS-SMB2] 3.3.5.9, catalog §2.2). The level itself comes
 * from {@link LockManager#requestOplock}; this adds the adapter rules: never on directories
 * (R-SMB-15), and a stat open of an existing file never takes an oplock while other holders exist
 * (it gets NONE, `exclusive4`, `batch8`), while a stat open that creates the file may get BATCH
 * (`batch9`).
 */
final class OplockLeaseGrant {
    private OplockLeaseGrant() {}

    /** Whether the CREATE asks for a traditional oplock (II, EXCLUSIVE or BATCH). */
    static boolean wantsOplock(CreateRequest r) {
        int l = r.requestedOplockLevel();
        return l == OplockLevel.LEVEL_II || l == OplockLevel.EXCLUSIVE || l == OplockLevel.BATCH;
    }

    /** The granted {@link OplockLevel}; the open's oplock key is {@link LeaseKey#forOplock}(vid). */
    static int grantOplock(Smb2Services svc, CreateRequest r, FileAttributes a, long vid, int access, boolean created) {
        if (a.isDirectory()) {
            return OplockLevel.NONE;
        }
        boolean overwrite = r.createDisposition() == CreateRequest.FILE_OVERWRITE
                || r.createDisposition() == CreateRequest.FILE_OVERWRITE_IF
                || r.createDisposition() == CreateRequest.FILE_SUPERSEDE;
        if (!created
                && !overwrite
                && ShareAccess.oplockStat(access)
                && !svc.locks().leasesOn(a.id()).isEmpty()) {
            return OplockLevel.NONE;
        }
        return svc.locks().requestOplock(new OplockRequest(a.id(), vid, r.requestedOplockLevel(), svc.breaker()));
    }
}
