package io.interlock.suite.smb;

import java.util.Map;

/** The NTSTATUS values ([MS-ERREF] 2.3) the suites check, with their names for messages. */
public final class Smb2Status {
    public static final long STATUS_SUCCESS = 0x00000000L;
    public static final long STATUS_PENDING = 0x00000103L;
    public static final long STATUS_OPLOCK_BREAK_IN_PROGRESS = 0x00000108L;
    public static final long STATUS_UNSUCCESSFUL = 0xC0000001L;
    public static final long STATUS_INVALID_PARAMETER = 0xC000000DL;
    public static final long STATUS_END_OF_FILE = 0xC0000011L;
    public static final long STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016L;
    public static final long STATUS_ACCESS_DENIED = 0xC0000022L;
    public static final long STATUS_OBJECT_NAME_INVALID = 0xC0000033L;
    public static final long STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034L;
    public static final long STATUS_OBJECT_NAME_COLLISION = 0xC0000035L;
    public static final long STATUS_SHARING_VIOLATION = 0xC0000043L;
    public static final long STATUS_FILE_LOCK_CONFLICT = 0xC0000054L;
    public static final long STATUS_LOCK_NOT_GRANTED = 0xC0000055L;
    public static final long STATUS_DELETE_PENDING = 0xC0000056L;
    public static final long STATUS_REQUEST_NOT_ACCEPTED = 0xC00000D0L;
    public static final long STATUS_OPLOCK_NOT_GRANTED = 0xC00000E2L;
    public static final long STATUS_INVALID_OPLOCK_PROTOCOL = 0xC00000E3L;
    public static final long STATUS_CANCELLED = 0xC0000120L;
    public static final long STATUS_FILE_CLOSED = 0xC0000128L;
    public static final long STATUS_INVALID_DEVICE_STATE = 0xC0000184L;
    public static final long STATUS_NOT_SUPPORTED = 0xC00000BBL;
    public static final long STATUS_NETWORK_NAME_DELETED = 0xC00000C9L;
    public static final long STATUS_BAD_NETWORK_NAME = 0xC00000CCL;

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(STATUS_SUCCESS, "STATUS_SUCCESS"),
            Map.entry(STATUS_PENDING, "STATUS_PENDING"),
            Map.entry(STATUS_OPLOCK_BREAK_IN_PROGRESS, "STATUS_OPLOCK_BREAK_IN_PROGRESS"),
            Map.entry(STATUS_UNSUCCESSFUL, "STATUS_UNSUCCESSFUL"),
            Map.entry(STATUS_INVALID_PARAMETER, "STATUS_INVALID_PARAMETER"),
            Map.entry(STATUS_END_OF_FILE, "STATUS_END_OF_FILE"),
            Map.entry(STATUS_MORE_PROCESSING_REQUIRED, "STATUS_MORE_PROCESSING_REQUIRED"),
            Map.entry(STATUS_ACCESS_DENIED, "STATUS_ACCESS_DENIED"),
            Map.entry(STATUS_OBJECT_NAME_INVALID, "STATUS_OBJECT_NAME_INVALID"),
            Map.entry(STATUS_OBJECT_NAME_NOT_FOUND, "STATUS_OBJECT_NAME_NOT_FOUND"),
            Map.entry(STATUS_OBJECT_NAME_COLLISION, "STATUS_OBJECT_NAME_COLLISION"),
            Map.entry(STATUS_SHARING_VIOLATION, "STATUS_SHARING_VIOLATION"),
            Map.entry(STATUS_FILE_LOCK_CONFLICT, "STATUS_FILE_LOCK_CONFLICT"),
            Map.entry(STATUS_LOCK_NOT_GRANTED, "STATUS_LOCK_NOT_GRANTED"),
            Map.entry(STATUS_DELETE_PENDING, "STATUS_DELETE_PENDING"),
            Map.entry(STATUS_REQUEST_NOT_ACCEPTED, "STATUS_REQUEST_NOT_ACCEPTED"),
            Map.entry(STATUS_OPLOCK_NOT_GRANTED, "STATUS_OPLOCK_NOT_GRANTED"),
            Map.entry(STATUS_INVALID_OPLOCK_PROTOCOL, "STATUS_INVALID_OPLOCK_PROTOCOL"),
            Map.entry(STATUS_CANCELLED, "STATUS_CANCELLED"),
            Map.entry(STATUS_FILE_CLOSED, "STATUS_FILE_CLOSED"),
            Map.entry(STATUS_INVALID_DEVICE_STATE, "STATUS_INVALID_DEVICE_STATE"),
            Map.entry(STATUS_NOT_SUPPORTED, "STATUS_NOT_SUPPORTED"),
            Map.entry(STATUS_NETWORK_NAME_DELETED, "STATUS_NETWORK_NAME_DELETED"),
            Map.entry(STATUS_BAD_NETWORK_NAME, "STATUS_BAD_NETWORK_NAME"));

    private Smb2Status() {}

    /** The status's name, or its hex value when the suites do not know it. */
    public static String name(long status) {
        String n = NAMES.get(status);
        return n != null ? n : String.format("0x%08X", status);
    }
}
