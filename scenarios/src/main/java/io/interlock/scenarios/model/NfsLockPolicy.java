package io.interlock.scenarios.model;

/**
 * Whether NFS READ and WRITE honour SMB byte-range locks: a policy the catalog leaves to the server
 * (R-XP-11). NLM locks are advisory and never stop NFS I/O.
 */
public enum NfsLockPolicy {
    /** NFS I/O ignores SMB locks (this server and DittoFS; catalog scenario xp-nfs-write-smb-locked-range). */
    IGNORE,
    /** NFS I/O inside an SMB lock fails with NFS3ERR_ACCES (ONTAP; ACCES is the catalog's choice). */
    DENY
}
