package io.interlock.server.smb2.wire;

/**
 * The 64-byte SMB2 packet header, sync or async form ([MS-SMB2] 2.2.1.1 / 2.2.1.2).
 *
 * @param creditCharge CreditCharge
 * @param status Status (ChannelSequence/Reserved in requests)
 * @param command Command code
 * @param credits CreditRequest (request) or CreditResponse (response)
 * @param flags Flags
 * @param nextCommand NextCommand: offset of the next compounded message, 0 for the last
 * @param messageId MessageId
 * @param asyncId AsyncId when {@link #FLAG_ASYNC} is set, else (TreeId &lt;&lt; 32 | ProcessId)
 * @param sessionId SessionId
 * @param signature the 16-byte Signature
 */
public record Smb2Header(
        int creditCharge,
        int status,
        int command,
        int credits,
        int flags,
        int nextCommand,
        long messageId,
        long asyncId,
        long sessionId,
        byte[] signature) {

    public static final int SIZE = 64;
    public static final int PROTOCOL_ID = 0x424D53FE; // 0xFE 'S' 'M' 'B', little-endian
    public static final int FLAG_SERVER_TO_REDIR = 0x1;
    public static final int FLAG_ASYNC = 0x2;
    public static final int FLAG_RELATED = 0x4;
    public static final int FLAG_SIGNED = 0x8;
    public static final int SIGNATURE_OFFSET = 48;
    public static final long UNSOLICITED_MESSAGE_ID = 0xFFFFFFFFFFFFFFFFL;

    /** TreeId of the sync form. */
    public int treeId() {
        return (int) (asyncId >>> 32);
    }

    /** Reserved/ProcessId of the sync form. */
    public int processId() {
        return (int) asyncId;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Decodes the header at the reader's position (the window start). */
    public static Smb2Header decode(Smb2Reader r) throws Smb2ProtocolException {
        // ProtocolId (4 bytes)
        if (r.u32() != PROTOCOL_ID) {
            throw Smb2ProtocolException.invalid("bad protocol id");
        }
        // StructureSize (2 bytes)
        if (r.u16() != SIZE) {
            throw Smb2ProtocolException.invalid("bad header structure size");
        }
        int creditCharge = r.u16(); // CreditCharge (2 bytes)
        int status = r.u32(); // Status / ChannelSequence (4 bytes)
        int command = r.u16(); // Command (2 bytes)
        int credits = r.u16(); // CreditRequest (2 bytes)
        int flags = r.u32(); // Flags (4 bytes)
        int next = r.u32(); // NextCommand (4 bytes)
        long messageId = r.u64(); // MessageId (8 bytes)
        long asyncOrTree = r.u64(); // AsyncId, or Reserved + TreeId (8 bytes)
        long sessionId = r.u64(); // SessionId (8 bytes)
        byte[] sig = r.bytes(16); // Signature (16 bytes)
        return new Smb2Header(
                creditCharge, status, command, credits, flags, next, messageId, asyncOrTree, sessionId, sig);
    }

    public void encode(Smb2Writer w) {
        w.u32(PROTOCOL_ID);
        w.u16(SIZE);
        w.u16(creditCharge);
        w.u32(status);
        w.u16(command);
        w.u16(credits);
        w.u32(flags);
        w.u32(nextCommand);
        w.u64(messageId);
        w.u64(asyncId);
        w.u64(sessionId);
        w.bytes(signature == null ? new byte[16] : signature);
    }

    /** Header of a response to this request with the given status and credit grant. */
    public Smb2Header response(int status, int granted) {
        int f = FLAG_SERVER_TO_REDIR | (flags & (FLAG_ASYNC | FLAG_RELATED | 0x70));
        return new Smb2Header(
                creditCharge, status, command, granted, f, 0, messageId, asyncId, sessionId, new byte[16]);
    }

    /** The async form of this header ([MS-SMB2] 2.2.1.1): FLAG_ASYNC set and AsyncId. */
    public Smb2Header async(long id) {
        return new Smb2Header(
                creditCharge,
                status,
                command,
                credits,
                flags | FLAG_ASYNC,
                nextCommand,
                messageId,
                id,
                sessionId,
                signature);
    }

    public Smb2Header withSessionId(long id) {
        return new Smb2Header(
                creditCharge, status, command, credits, flags, nextCommand, messageId, asyncId, id, signature);
    }

    public Smb2Header withTreeId(int treeId) {
        long a = has(FLAG_ASYNC) ? asyncId : ((long) treeId << 32) | (processId() & 0xFFFFFFFFL);
        return new Smb2Header(
                creditCharge, status, command, credits, flags, nextCommand, messageId, a, sessionId, signature);
    }
}
