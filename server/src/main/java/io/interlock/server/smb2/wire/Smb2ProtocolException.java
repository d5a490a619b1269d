package io.interlock.server.smb2.wire;

/**
 * A request the server answers with an error status instead of a normal response: malformed
 * structure, out-of-range offset, unknown handle, ... Carries the NTSTATUS to send.
 */
public final class Smb2ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final NtStatus status;

    public Smb2ProtocolException(NtStatus status, String detail) {
        super(status + ": " + detail, null, false, false);
        this.status = status;
    }

    public NtStatus status() {
        return status;
    }

    public static Smb2ProtocolException invalid(String detail) {
        return new Smb2ProtocolException(NtStatus.STATUS_INVALID_PARAMETER, detail);
    }
}
