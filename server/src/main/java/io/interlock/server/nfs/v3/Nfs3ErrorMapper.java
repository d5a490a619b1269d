package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FsError;

/** The one FsError → nfsstat3 mapping of the NFS adapter (RFC 1813 §2.6; spec §2.4). */
public final class Nfs3ErrorMapper {
    private Nfs3ErrorMapper() {}

    public static Nfs3Status map(FsError e) {
        return switch (e) {
            case NOT_FOUND -> Nfs3Status.NFS3ERR_NOENT;
            case EXISTS -> Nfs3Status.NFS3ERR_EXIST;
            case NOT_DIRECTORY -> Nfs3Status.NFS3ERR_NOTDIR;
            case IS_DIRECTORY -> Nfs3Status.NFS3ERR_ISDIR;
            case NOT_EMPTY -> Nfs3Status.NFS3ERR_NOTEMPTY;
            case INVALID_NAME, INVALID_ARGUMENT -> Nfs3Status.NFS3ERR_INVAL;
            case NAME_TOO_LONG -> Nfs3Status.NFS3ERR_NAMETOOLONG;
            case STALE -> Nfs3Status.NFS3ERR_STALE;
            case ACCESS_DENIED -> Nfs3Status.NFS3ERR_ACCES;
            case READ_ONLY -> Nfs3Status.NFS3ERR_ROFS;
            case NO_SPACE -> Nfs3Status.NFS3ERR_NOSPC;
            case FILE_TOO_LARGE -> Nfs3Status.NFS3ERR_FBIG;
            case NOT_SUPPORTED -> Nfs3Status.NFS3ERR_NOTSUPP;
            case CROSS_DEVICE -> Nfs3Status.NFS3ERR_XDEV;
            case NOT_SYNC -> Nfs3Status.NFS3ERR_NOT_SYNC;
            case BAD_COOKIE -> Nfs3Status.NFS3ERR_BAD_COOKIE;
            case IO -> Nfs3Status.NFS3ERR_IO;
        };
    }
}
