package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.FsError;
import io.interlock.server.smb2.wire.NtStatus;

/** The one FsError to NTSTATUS mapping of the SMB adapter. */
public final class Smb2StatusMapper {
    private Smb2StatusMapper() {}

    public static NtStatus map(FsError e) {
        return switch (e) {
            case NOT_FOUND -> NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
            case EXISTS -> NtStatus.STATUS_OBJECT_NAME_COLLISION;
            case NOT_DIRECTORY -> NtStatus.STATUS_NOT_A_DIRECTORY;
            case IS_DIRECTORY -> NtStatus.STATUS_FILE_IS_A_DIRECTORY;
            case NOT_EMPTY -> NtStatus.STATUS_DIRECTORY_NOT_EMPTY;
            case INVALID_NAME -> NtStatus.STATUS_OBJECT_NAME_INVALID;
            case NAME_TOO_LONG -> NtStatus.STATUS_OBJECT_NAME_INVALID;
            case INVALID_ARGUMENT, BAD_COOKIE -> NtStatus.STATUS_INVALID_PARAMETER;
            case STALE -> NtStatus.STATUS_FILE_CLOSED;
            case ACCESS_DENIED -> NtStatus.STATUS_ACCESS_DENIED;
            case READ_ONLY -> NtStatus.STATUS_MEDIA_WRITE_PROTECTED;
            case NO_SPACE -> NtStatus.STATUS_DISK_FULL;
            case FILE_TOO_LARGE -> NtStatus.STATUS_FILE_TOO_LARGE;
            case NOT_SUPPORTED -> NtStatus.STATUS_NOT_SUPPORTED;
            case CROSS_DEVICE -> NtStatus.STATUS_NOT_SAME_DEVICE;
            case NOT_SYNC -> NtStatus.STATUS_UNSUCCESSFUL;
            case IO -> NtStatus.STATUS_UNEXPECTED_IO_ERROR;
        };
    }
}
