package io.interlock.server.smb2.wire;

import java.util.HashMap;
import java.util.Map;

/** NTSTATUS values the server sends ([MS-ERREF] 2.3.1), with O(1) lookup by wire value. */
public enum NtStatus {
    STATUS_SUCCESS(0x00000000),
    STATUS_PENDING(0x00000103),
    STATUS_BUFFER_OVERFLOW(0x80000005),
    STATUS_NO_MORE_FILES(0x80000006),
    STATUS_UNSUCCESSFUL(0xC0000001),
    STATUS_NOT_IMPLEMENTED(0xC0000002),
    STATUS_INVALID_INFO_CLASS(0xC0000003),
    STATUS_INFO_LENGTH_MISMATCH(0xC0000004),
    STATUS_INVALID_HANDLE(0xC0000008),
    STATUS_INVALID_PARAMETER(0xC000000D),
    STATUS_NO_SUCH_FILE(0xC000000F),
    STATUS_INVALID_DEVICE_REQUEST(0xC0000010),
    STATUS_END_OF_FILE(0xC0000011),
    STATUS_MORE_PROCESSING_REQUIRED(0xC0000016),
    STATUS_ACCESS_DENIED(0xC0000022),
    STATUS_BUFFER_TOO_SMALL(0xC0000023),
    STATUS_OBJECT_NAME_INVALID(0xC0000033),
    STATUS_OBJECT_NAME_NOT_FOUND(0xC0000034),
    STATUS_OBJECT_NAME_COLLISION(0xC0000035),
    STATUS_OBJECT_PATH_NOT_FOUND(0xC000003A),
    STATUS_SHARING_VIOLATION(0xC0000043),
    STATUS_DELETE_PENDING(0xC0000056),
    STATUS_LOGON_FAILURE(0xC000006D),
    STATUS_DISK_FULL(0xC000007F),
    STATUS_MEDIA_WRITE_PROTECTED(0xC00000A2),
    STATUS_FILE_IS_A_DIRECTORY(0xC00000BA),
    STATUS_NOT_SUPPORTED(0xC00000BB),
    STATUS_NETWORK_NAME_DELETED(0xC00000C9),
    STATUS_BAD_NETWORK_NAME(0xC00000CC),
    STATUS_REQUEST_NOT_ACCEPTED(0xC00000D0),
    STATUS_NOT_SAME_DEVICE(0xC00000D4),
    STATUS_INVALID_OPLOCK_PROTOCOL(0xC00000E3),
    STATUS_INTERNAL_ERROR(0xC00000E5),
    STATUS_UNEXPECTED_IO_ERROR(0xC00000E9),
    STATUS_DIRECTORY_NOT_EMPTY(0xC0000101),
    STATUS_NOT_A_DIRECTORY(0xC0000103),
    STATUS_NAME_TOO_LONG(0xC0000106),
    STATUS_CANCELLED(0xC0000120),
    STATUS_FILE_CLOSED(0xC0000128),
    STATUS_USER_SESSION_DELETED(0xC0000203),
    STATUS_NOT_FOUND(0xC0000225),
    STATUS_FILE_TOO_LARGE(0xC0000904);

    private static final Map<Integer, NtStatus> BY_VALUE = new HashMap<>();

    static {
        for (NtStatus s : values()) {
            BY_VALUE.put(s.value, s);
        }
    }

    private final int value;

    NtStatus(int value) {
        this.value = value;
    }

    /** The 32-bit wire value. */
    public int value() {
        return value;
    }

    /** Whether the value is a success or informational/warning code clients treat as data-bearing. */
    public boolean isError() {
        return (value & 0xC0000000) == 0xC0000000;
    }

    /** The constant of a wire value, or null if this server never uses it. */
    public static NtStatus of(int value) {
        return BY_VALUE.get(value);
    }
}
