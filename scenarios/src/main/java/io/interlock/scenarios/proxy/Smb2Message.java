package io.interlock.scenarios.proxy;

/**
 * One SMB2 message of a frame: its 64-byte header ([MS-SMB2] 2.2.1.1 async, 2.2.1.2 sync) and, for
 * the commands the engine cares about, its decoded {@link Smb2Body}.
 *
 * @param command the command; {@link Smb2Command#UNKNOWN} for codes outside the table
 * @param commandCode Command (2 bytes) as on the wire
 * @param flags Flags (4 bytes) as on the wire
 * @param messageId MessageId; 0xFFFFFFFFFFFFFFFF (-1) on an unsolicited oplock/lease break
 * @param asyncId AsyncId of an async header, 0 for a sync one
 * @param treeId TreeId of a sync header, 0 for an async one
 * @param sessionId SessionId
 * @param status Status of a response (NTSTATUS, unsigned); on a request the ChannelSequence and
 *     Reserved field, as on the wire
 * @param creditCharge CreditCharge
 * @param credits CreditRequest (request) or CreditResponse (response)
 * @param body the decoded body, {@link Smb2Body.None} when not looked into
 */
public record Smb2Message(
        Smb2Command command,
        int commandCode,
        int flags,
        long messageId,
        long asyncId,
        long treeId,
        long sessionId,
        long status,
        int creditCharge,
        int credits,
        Smb2Body body) {
    public static final int HEADER_SIZE = 64;
    public static final int FLAGS_SERVER_TO_REDIR = 0x1;
    public static final int FLAGS_ASYNC_COMMAND = 0x2;
    public static final int FLAGS_RELATED_OPERATIONS = 0x4;
    public static final int FLAGS_SIGNED = 0x8;
    /** MessageId of an unsolicited break notification ([MS-SMB2] 3.3.4.6, 3.3.4.7). */
    public static final long UNSOLICITED = -1L;

    public static final long STATUS_SUCCESS = 0;
    public static final long STATUS_PENDING = 0x00000103L;

    public boolean response() {
        return (flags & FLAGS_SERVER_TO_REDIR) != 0;
    }

    public boolean async() {
        return (flags & FLAGS_ASYNC_COMMAND) != 0;
    }

    public boolean related() {
        return (flags & FLAGS_RELATED_OPERATIONS) != 0;
    }

    public boolean signed() {
        return (flags & FLAGS_SIGNED) != 0;
    }

    /** An interim response: the real one follows later with the same MessageId and this AsyncId. */
    public boolean interim() {
        return response() && async() && status == STATUS_PENDING;
    }

    /** A break the server sends on its own (no request): an oplock or lease break notification. */
    public boolean unsolicited() {
        return response() && messageId == UNSOLICITED;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(command == Smb2Command.UNKNOWN ? "cmd" + commandCode : command.name());
        s.append(response() ? " response" : " request").append(" mid=").append(messageId);
        if (async()) {
            s.append(" async=").append(asyncId);
        }
        if (response()) {
            s.append(" status=0x").append(Long.toHexString(status));
        }
        if (!(body instanceof Smb2Body.None)) {
            s.append(' ').append(body);
        }
        return s.toString();
    }
}
