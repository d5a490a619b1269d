package io.interlock.scenarios.clients.smb;

import com.hierynomus.mserref.NtStatus;
import java.io.IOException;
import java.util.Map;

/** An SMB2 request answered with a failure NTSTATUS. */
public final class SmbStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long status;

    /** Codes of lease break acks and LOCK ([MS-SMB2] 3.3.5.22.2, 3.3.5.14) named here for sure. */
    private static final Map<Long, String> KNOWN = Map.of(
            0xC0000001L, "STATUS_UNSUCCESSFUL",
            0xC00000E3L, "STATUS_INVALID_OPLOCK_PROTOCOL",
            0xC00000D0L, "STATUS_REQUEST_NOT_ACCEPTED",
            0xC0000034L, "STATUS_OBJECT_NAME_NOT_FOUND",
            0xC0000054L, "STATUS_FILE_LOCK_CONFLICT",
            0xC0000055L, "STATUS_LOCK_NOT_GRANTED",
            0xC000007EL, "STATUS_RANGE_NOT_LOCKED",
            0xC00000BBL, "STATUS_NOT_SUPPORTED");

    public SmbStatusException(String operation, long status) {
        super(String.format("%s failed: NTSTATUS 0x%08X", operation, status));
        this.status = status;
    }

    public long status() {
        return status;
    }

    /** The NTSTATUS name ([MS-ERREF] 2.3), e.g. STATUS_UNSUCCESSFUL, or its hex value if unknown. */
    public String statusName() {
        return nameOf(status);
    }

    /** The NTSTATUS name of {@code status} ([MS-ERREF] 2.3), or its hex value if unknown. */
    public static String nameOf(long status) {
        if (status == 0) {
            return "STATUS_SUCCESS";
        }
        String known = KNOWN.get(status);
        if (known != null) {
            return known;
        }
        NtStatus s = NtStatus.valueOf(status);
        return s == null || s.getValue() != status ? String.format("0x%08X", status) : s.name();
    }
}
