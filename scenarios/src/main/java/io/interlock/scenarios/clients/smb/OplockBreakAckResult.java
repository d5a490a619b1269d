package io.interlock.scenarios.clients.smb;

/**
 * The server's answer to an oplock break acknowledgment ([MS-SMB2] 2.2.25.1, or an error).
 *
 * @param status NTSTATUS of the response (0 = STATUS_SUCCESS)
 * @param oplockLevel the resulting oplock level; -1 when the response carried an error body
 */
public record OplockBreakAckResult(long status, int oplockLevel) {

    public boolean success() {
        return status == LeaseBreakAckResult.STATUS_SUCCESS;
    }

    public String statusHex() {
        return String.format("0x%08X", status);
    }
}
