package io.interlock.scenarios.clients.smb;

import com.hierynomus.mserref.NtStatus;
import java.io.IOException;

/** An SMB2 request answered with a failure NTSTATUS. */
public final class SmbStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long status;

    public SmbStatusException(String operation, long status) {
        super(String.format("%s failed: NTSTATUS 0x%08X", operation, status));
        this.status = status;
    }

    public long status() {
        return status;
    }

    /** The NTSTATUS name ([MS-ERREF] 2.3), e.g. STATUS_UNSUCCESSFUL, or its hex value if unknown. */
    public String statusName() {
        NtStatus s = NtStatus.valueOf(status);
        return s == null || s.getValue() != status ? String.format("0x%08X", status) : s.name();
    }
}
