package io.interlock.scenarios.model;

/**
 * The status names a window's replies carry: NTSTATUS names for SMB2 ([MS-ERREF] 2.3, catalog
 * §1.8), nfsstat3 names for NFSv3 (RFC 1813 §2.6), nlm4_stats names for NLM (catalog §3.2), and the
 * administration call results of the engine's target (share add/remove/disable). STATUS_PENDING is
 * never a reply: an interim response is {@link ModelOutput.Interim}.
 */
public final class Status {
    // [MS-ERREF] 2.3 NTSTATUS, as used by the catalog (§1.8)
    public static final String STATUS_SUCCESS = "STATUS_SUCCESS";
    public static final String STATUS_INVALID_PARAMETER = "STATUS_INVALID_PARAMETER";
    public static final String STATUS_OBJECT_NAME_NOT_FOUND = "STATUS_OBJECT_NAME_NOT_FOUND";
    public static final String STATUS_OBJECT_PATH_NOT_FOUND = "STATUS_OBJECT_PATH_NOT_FOUND";
    public static final String STATUS_OBJECT_NAME_COLLISION = "STATUS_OBJECT_NAME_COLLISION";
    public static final String STATUS_NOT_A_DIRECTORY = "STATUS_NOT_A_DIRECTORY";
    public static final String STATUS_FILE_IS_A_DIRECTORY = "STATUS_FILE_IS_A_DIRECTORY";
    public static final String STATUS_SHARING_VIOLATION = "STATUS_SHARING_VIOLATION";
    public static final String STATUS_ACCESS_DENIED = "STATUS_ACCESS_DENIED";
    public static final String STATUS_FILE_CLOSED = "STATUS_FILE_CLOSED";
    public static final String STATUS_END_OF_FILE = "STATUS_END_OF_FILE";
    public static final String STATUS_INVALID_DEVICE_REQUEST = "STATUS_INVALID_DEVICE_REQUEST";
    public static final String STATUS_FILE_LOCK_CONFLICT = "STATUS_FILE_LOCK_CONFLICT";
    public static final String STATUS_LOCK_NOT_GRANTED = "STATUS_LOCK_NOT_GRANTED";
    public static final String STATUS_RANGE_NOT_LOCKED = "STATUS_RANGE_NOT_LOCKED";
    public static final String STATUS_INVALID_LOCK_RANGE = "STATUS_INVALID_LOCK_RANGE";
    public static final String STATUS_CANCELLED = "STATUS_CANCELLED";
    public static final String STATUS_UNSUCCESSFUL = "STATUS_UNSUCCESSFUL";
    public static final String STATUS_REQUEST_NOT_ACCEPTED = "STATUS_REQUEST_NOT_ACCEPTED";
    public static final String STATUS_INVALID_DEVICE_STATE = "STATUS_INVALID_DEVICE_STATE";
    public static final String STATUS_INVALID_OPLOCK_PROTOCOL = "STATUS_INVALID_OPLOCK_PROTOCOL";

    // RFC 1813 §2.6 nfsstat3
    public static final String NFS3_OK = "NFS3_OK";
    public static final String NFS3ERR_NOENT = "NFS3ERR_NOENT";
    public static final String NFS3ERR_ACCES = "NFS3ERR_ACCES";
    public static final String NFS3ERR_EXIST = "NFS3ERR_EXIST";
    public static final String NFS3ERR_NOTDIR = "NFS3ERR_NOTDIR";
    public static final String NFS3ERR_ISDIR = "NFS3ERR_ISDIR";
    public static final String NFS3ERR_INVAL = "NFS3ERR_INVAL";
    public static final String NFS3ERR_PERM = "NFS3ERR_PERM";
    public static final String NFS3ERR_NOTEMPTY = "NFS3ERR_NOTEMPTY";
    public static final String NFS3ERR_STALE = "NFS3ERR_STALE";
    public static final String NFS3ERR_BADTYPE = "NFS3ERR_BADTYPE";
    public static final String NFS3ERR_JUKEBOX = "NFS3ERR_JUKEBOX";

    // nlm4_stats (catalog §3.2)
    public static final String NLM4_GRANTED = "NLM4_GRANTED";
    public static final String NLM4_DENIED = "NLM4_DENIED";
    public static final String NLM4_DENIED_NOLOCKS = "NLM4_DENIED_NOLOCKS";
    public static final String NLM4_BLOCKED = "NLM4_BLOCKED";
    public static final String NLM4_DENIED_GRACE_PERIOD = "NLM4_DENIED_GRACE_PERIOD";
    public static final String NLM4_STALE_FH = "NLM4_STALE_FH";
    public static final String NLM4_FBIG = "NLM4_FBIG";
    /** FREE_ALL returns void (catalog §3.3): the RPC was accepted and answered. */
    public static final String RPC_SUCCESS = "RPC_SUCCESS";

    // share administration (the target's admin surface) and srvsvc
    public static final String OK = "OK";
    public static final String NOT_FOUND = "NOT_FOUND";

    private Status() {}
}
