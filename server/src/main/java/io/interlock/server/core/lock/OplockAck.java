package io.interlock.server.core.lock;

/**
 * Result of an oplock break acknowledgement ([MS-SMB2] 3.3.5.22.1, catalog §2.6).
 *
 * @param status what happened; the SMB adapter maps it to NTSTATUS
 * @param level the open's oplock level afterwards ({@link OplockLevel})
 */
public record OplockAck(Status status, int level) {
    public enum Status {
        /** Accepted; {@code level} is the new level (never above the notified one). */
        OK,
        /** No oplock for that open (STATUS_FILE_CLOSED if the open is unknown too). */
        NO_SUCH_OPLOCK,
        /** The oplock is not breaking (STATUS_INVALID_DEVICE_STATE / INVALID_OPLOCK_PROTOCOL). */
        NOT_BREAKING,
        /** Ack level 0xFF: the oplock dropped to NONE (STATUS_INVALID_PARAMETER). */
        INVALID_PARAMETER,
        /** An illegal level for the held oplock: dropped to NONE (STATUS_INVALID_OPLOCK_PROTOCOL). */
        INVALID_OPLOCK_PROTOCOL
    }
}
