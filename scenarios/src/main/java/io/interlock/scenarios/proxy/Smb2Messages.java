package io.interlock.scenarios.proxy;

/**
 * Decodes one SMB2 message of a chain: the header, then the body of the commands the summaries
 * look into. A body that fails to parse becomes {@link Smb2Body.Malformed}; the header stays.
 */
final class Smb2Messages {
    private Smb2Messages() {}

    /** The message spans {@code frame[at, end)}; the caller checked that 64 bytes are there. */
    static Smb2Message decode(byte[] frame, int at, int end) {
        WireCursor c = new WireCursor(frame, at, end);
        c.i32le(); // ProtocolId (4 bytes)
        int structureSize = c.u16le(); // StructureSize (2 bytes): 64
        if (structureSize != Smb2Message.HEADER_SIZE) {
            throw WireCursor.malformed("SMB2 header StructureSize " + structureSize);
        }
        int creditCharge = c.u16le(); // CreditCharge (2 bytes)
        long status = c.u32le(); // Status (4 bytes), or ChannelSequence (2) + Reserved (2) in a request
        int code = c.u16le(); // Command (2 bytes)
        int credits = c.u16le(); // CreditRequest/CreditResponse (2 bytes)
        int flags = c.i32le(); // Flags (4 bytes)
        c.u32le(); // NextCommand (4 bytes)
        long messageId = c.u64le(); // MessageId (8 bytes)
        long asyncId = 0;
        long treeId = 0;
        if ((flags & Smb2Message.FLAGS_ASYNC_COMMAND) != 0) {
            asyncId = c.u64le(); // AsyncId (8 bytes)
        } else {
            c.i32le(); // Reserved (4 bytes)
            treeId = c.u32le(); // TreeId (4 bytes)
        }
        long sessionId = c.u64le(); // SessionId (8 bytes)
        c.skip(16); // Signature (16 bytes)
        Smb2Command command = Smb2Command.of(code);
        boolean response = (flags & Smb2Message.FLAGS_SERVER_TO_REDIR) != 0;
        Smb2Body body;
        try {
            body = body(frame, c, at, command, response, status, messageId);
        } catch (WireCursor.Malformed e) {
            body = new Smb2Body.Malformed(e.getMessage());
        }
        return new Smb2Message(
                command, code, flags, messageId, asyncId, treeId, sessionId, status, creditCharge, credits, body);
    }

    private static Smb2Body body(
            byte[] frame, WireCursor c, int header, Smb2Command command, boolean response, long status, long mid) {
        if (response && status != Smb2Message.STATUS_SUCCESS) {
            return Smb2Body.None.INSTANCE; // an ERROR response (2.2.2) or an interim STATUS_PENDING
        }
        int bodyStart = c.position();
        int size = c.remaining() >= 2 ? c.u16le() : -1; // StructureSize (2 bytes) of the body
        c.seek(bodyStart);
        switch (command) {
            case SMB2_OPLOCK_BREAK:
                return oplockBreak(c, response, size, mid);
            case SMB2_CREATE:
                if (response) {
                    expect(size, Smb2CreateResponseBody.STRUCTURE_SIZE, command);
                    return Smb2CreateResponseBody.decode(frame, c, header);
                }
                expect(size, Smb2CreateRequestBody.STRUCTURE_SIZE, command);
                return Smb2CreateRequestBody.decode(frame, c, header);
            case SMB2_READ:
                if (response) {
                    return Smb2Body.None.INSTANCE;
                }
                expect(size, Smb2ReadRequestBody.STRUCTURE_SIZE, command);
                return Smb2ReadRequestBody.decode(c);
            case SMB2_WRITE:
                if (response) {
                    return Smb2Body.None.INSTANCE;
                }
                expect(size, Smb2WriteRequestBody.STRUCTURE_SIZE, command);
                return Smb2WriteRequestBody.decode(c);
            case SMB2_LOCK:
                if (response) {
                    return Smb2Body.None.INSTANCE;
                }
                expect(size, Smb2LockRequestBody.STRUCTURE_SIZE, command);
                return Smb2LockRequestBody.decode(c);
            default:
                return Smb2Body.None.INSTANCE;
        }
    }

    /** OPLOCK_BREAK bodies are told apart by StructureSize ([MS-SMB2] 2.2.23-2.2.25). */
    private static Smb2Body oplockBreak(WireCursor c, boolean response, int size, long mid) {
        switch (size) {
            case Smb2LeaseBreakNotificationBody.STRUCTURE_SIZE:
                return Smb2LeaseBreakNotificationBody.decode(c);
            case Smb2LeaseBreakAckBody.STRUCTURE_SIZE:
                return Smb2LeaseBreakAckBody.decode(c, response);
            case Smb2OplockBreakBody.STRUCTURE_SIZE:
                Smb2OplockBreakBody.Kind kind = !response
                        ? Smb2OplockBreakBody.Kind.ACKNOWLEDGMENT
                        : mid == Smb2Message.UNSOLICITED
                                ? Smb2OplockBreakBody.Kind.NOTIFICATION
                                : Smb2OplockBreakBody.Kind.RESPONSE;
                return Smb2OplockBreakBody.decode(c, kind);
            default:
                throw WireCursor.malformed("OPLOCK_BREAK StructureSize " + size);
        }
    }

    private static void expect(int size, int wanted, Smb2Command command) {
        if (size != wanted) {
            throw WireCursor.malformed(command + " StructureSize " + size + ", expected " + wanted);
        }
    }
}
