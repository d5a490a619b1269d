package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One SMB2 message as the suite's client received it ([MS-SMB2] 2.2.1): the 64-byte header decoded
 * field by field and the whole message kept, so that a test can check any byte (notification
 * headers, interim responses, compounded replies).
 *
 * @param bytes the message from its header to its end (one element of a compound chain)
 * @param receivedNanos {@link System#nanoTime()} when the client's reader decoded it
 */
public record Smb2Message(byte[] bytes, long receivedNanos) {
    public static final int HEADER = 64;
    public static final long UNSOLICITED = 0xFFFFFFFFFFFFFFFFL;
    public static final int FLAG_SERVER_TO_REDIR = 0x1;
    public static final int FLAG_ASYNC = 0x2;
    public static final int FLAG_RELATED = 0x4;
    public static final int FLAG_SIGNED = 0x8;

    public Smb2Message {
        if (bytes.length < HEADER) {
            throw new IllegalArgumentException("SMB2 message shorter than its header: " + bytes.length);
        }
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** CreditCharge (2 bytes at 6). */
    public int creditCharge() {
        return Short.toUnsignedInt(le().getShort(6));
    }

    /** Status (4 bytes at 8), an NTSTATUS. */
    public long status() {
        return Integer.toUnsignedLong(le().getInt(8));
    }

    /** Command (2 bytes at 12). */
    public int command() {
        return Short.toUnsignedInt(le().getShort(12));
    }

    /** CreditResponse (2 bytes at 14). */
    public int creditResponse() {
        return Short.toUnsignedInt(le().getShort(14));
    }

    /** Flags (4 bytes at 16). */
    public int flags() {
        return le().getInt(16);
    }

    public boolean async() {
        return (flags() & FLAG_ASYNC) != 0;
    }

    public boolean signed() {
        return (flags() & FLAG_SIGNED) != 0;
    }

    /** NextCommand (4 bytes at 20). */
    public int nextCommand() {
        return le().getInt(20);
    }

    /** MessageId (8 bytes at 24). */
    public long messageId() {
        return le().getLong(24);
    }

    /** AsyncId (8 bytes at 32) of an async message. */
    public long asyncId() {
        return le().getLong(32);
    }

    /** TreeId (4 bytes at 36) of a sync message. */
    public int treeId() {
        return le().getInt(36);
    }

    /** Reserved / ProcessId (4 bytes at 32) of a sync message. */
    public int processId() {
        return le().getInt(32);
    }

    /** SessionId (8 bytes at 40). */
    public long sessionId() {
        return le().getLong(40);
    }

    /** Signature (16 bytes at 48). */
    public byte[] signature() {
        return Arrays.copyOfRange(bytes, 48, 64);
    }

    /** The body: everything after the header. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Body length in bytes. */
    public int bodyLength() {
        return bytes.length - HEADER;
    }

    /** StructureSize of the body (its first 2 bytes), or -1 for an empty body. */
    public int structureSize() {
        return bodyLength() >= 2 ? Short.toUnsignedInt(body().getShort(0)) : -1;
    }

    public boolean success() {
        return status() == Smb2Status.STATUS_SUCCESS;
    }

    @Override
    public String toString() {
        return "Smb2Message{cmd=0x" + Integer.toHexString(command()) + " mid=" + Long.toUnsignedString(messageId())
                + " status=" + Smb2Status.name(status()) + (async() ? " async=" + asyncId() : "") + " len="
                + bytes.length + "}";
    }
}
