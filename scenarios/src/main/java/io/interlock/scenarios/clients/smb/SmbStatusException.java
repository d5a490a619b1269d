package io.interlock.scenarios.clients.smb;

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
}
