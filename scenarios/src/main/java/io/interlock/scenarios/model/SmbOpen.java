package io.interlock.scenarios.model;

/**
 * An SMB open ([MS-SMB2] 3.3.1.10).
 *
 * @param access DesiredAccess as asked (generic rights not yet mapped)
 * @param share ShareAccess
 * @param leaseKey the key of the lease this open belongs to (with {@code id.client()}), or null
 * @param overwrote whether it was created with an overwriting disposition, which makes even an
 *     attribute-only open a non-stat open (R-SMB-39)
 * @param modified whether data was written through it (closing it then breaks the parent's
 *     directory lease, catalog §3.1 v2_request)
 */
public record SmbOpen(
        OpenId id,
        long inode,
        boolean directory,
        int access,
        int share,
        String leaseKey,
        boolean overwrote,
        boolean modified) {

    /** A stat open for lease purposes (R-SMB-40): breaks no lease, does not count as another open. */
    public boolean statForLeases() {
        return !overwrote && Smb2Access.statForLeases(access);
    }

    /** A stat open for oplock purposes (R-SMB-40). */
    public boolean statForOplocks() {
        return !overwrote && Smb2Access.statForOplocks(access);
    }

    public SmbOpen asModified() {
        return new SmbOpen(id, inode, directory, access, share, leaseKey, overwrote, true);
    }

    /** The holder id of this open's lease, or null. */
    public HolderId leaseHolder() {
        return leaseKey == null ? null : HolderId.lease(id.client(), leaseKey);
    }
}
