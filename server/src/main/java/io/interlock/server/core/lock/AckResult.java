package io.interlock.server.core.lock;

/**
 * Result of a lease break acknowledgement ([MS-SMB2] 3.3.5.22.2); the SMB adapter maps each value
 * to its NTSTATUS.
 */
public enum AckResult {
    /** Accepted; the lease now has the acknowledged state. */
    OK,
    /** No such lease for this client (STATUS_OBJECT_NAME_NOT_FOUND). */
    NO_SUCH_LEASE,
    /** The lease is not breaking (STATUS_UNSUCCESSFUL). */
    NOT_BREAKING,
    /** The acknowledged state exceeds the break target (STATUS_REQUEST_NOT_ACCEPTED). */
    STATE_NOT_ALLOWED
}
