package io.interlock.scenarios.clients.smb;

/**
 * The server's answer to a lease break acknowledgment ([MS-SMB2] 2.2.25.2, or an error).
 *
 * @param status NTSTATUS of the response (0 = STATUS_SUCCESS)
 * @param leaseState the resulting lease state; -1 when the response carried an error body
 */
public record LeaseBreakAckResult(long status, int leaseState) {
    public static final long STATUS_SUCCESS = 0L;

    public boolean success() {
        return status == STATUS_SUCCESS;
    }

    public String statusHex() {
        return String.format("0x%08X", status);
    }
}
