package io.interlock.server.nfs.v3;

/** How an export checks the caller against an object's owner and mode bits. */
public enum Nfs3PermissionMode {
    /**
     * Everything is allowed whatever the mode bits say; ACCESS grants every bit that makes sense
     * for the object's type. The harness default: nfs-client-java runs as uid 0 anyway and
     * cross-protocol tests must not trip over POSIX modes set from SMB.
     */
    ALLOW_ALL,
    /**
     * Classic UNIX checks on the AUTH_SYS uid/gid/gids against owner/group/other mode bits; uid 0
     * may do everything except EXECUTE a regular file that has no execute bit at all. No ACLs, no
     * sticky bit, no root squashing.
     */
    UNIX
}
