package io.interlock.server.smb2.wire;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Bounds-checked little-endian reader over one SMB2 message inside a frame. Positions are relative
 * to the start of the message's SMB2 header (where the spec's "offset from the beginning of the
 * SMB2 header" fields point). Every read past the message end throws {@link
 * Smb2ProtocolException} with STATUS_INVALID_PARAMETER, never an unchecked exception.
 */
public final class Smb2Reader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    /** A reader over {@code buf[start, end)}, positioned at {@code start}. */
    public Smb2Reader(byte[] buf, int start, int end) {
        if (start < 0 || end > buf.length || start > end) {
            throw new IllegalArgumentException("bad window");
        }
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    public static Smb2Reader of(byte[] buf) {
        return new Smb2Reader(buf, 0, buf.length);
    }

    /** Length of the message window. */
    public int length() {
        return end - start;
    }

    /** Current position relative to the window start. */
    public int position() {
        return pos - start;
    }

    /** Moves to {@code offset} (relative to the window start). */
    public Smb2Reader seek(int offset) throws Smb2ProtocolException {
        if (offset < 0 || offset > end - start) {
            throw Smb2ProtocolException.invalid("offset " + offset + " outside message of " + length());
        }
        pos = start + offset;
        return this;
    }

    public Smb2Reader skip(int n) throws Smb2ProtocolException {
        need(n);
        pos += n;
        return this;
    }

    private void need(int n) throws Smb2ProtocolException {
        if (n < 0 || pos + n > end) {
            throw Smb2ProtocolException.invalid("need " + n + " bytes at " + position() + " of " + length());
        }
    }

    public int u8() throws Smb2ProtocolException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() throws Smb2ProtocolException {
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int u32() throws Smb2ProtocolException {
        need(4);
        int v = (buf[pos] & 0xFF)
                | (buf[pos + 1] & 0xFF) << 8
                | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /**
     * An unsigned 32-bit length, count or offset field. Java ints are signed, so a value of 2^31 or
     * more would turn negative and fail far from here (a NegativeArraySizeException, issue 10 defect
     * 5): it is refused at once with STATUS_INVALID_PARAMETER. No SMB2 length field needs 2 GiB.
     */
    public int u32Length(String field) throws Smb2ProtocolException {
        int v = u32();
        if (v < 0) {
            throw Smb2ProtocolException.invalid(field + " " + Integer.toUnsignedString(v) + " is 2^31 or more");
        }
        return v;
    }

    public long u64() throws Smb2ProtocolException {
        long lo = u32() & 0xFFFFFFFFL;
        long hi = u32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    public byte[] bytes(int n) throws Smb2ProtocolException {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** A GUID in its wire byte order, as a UUID whose 16 big-endian bytes are the wire bytes. */
    public UUID guid() throws Smb2ProtocolException {
        need(16);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (buf[pos + i] & 0xFF);
            lsb = lsb << 8 | (buf[pos + 8 + i] & 0xFF);
        }
        pos += 16;
        return new UUID(msb, lsb);
    }

    /**
     * Bytes at a (offset, length) pair taken from a message field; offset 0 with length 0 is an
     * empty buffer. Offsets are relative to the window start.
     */
    public byte[] bufferAt(int offset, int len) throws Smb2ProtocolException {
        if (len == 0) {
            return new byte[0];
        }
        if (offset < 0 || len < 0 || (long) offset + len > end - start) {
            throw Smb2ProtocolException.invalid("buffer " + offset + "+" + len + " outside message of " + length());
        }
        byte[] b = new byte[len];
        System.arraycopy(buf, start + offset, b, 0, len);
        return b;
    }

    /** UTF-16LE string at an (offset, byte length) pair. */
    public String utf16At(int offset, int len) throws Smb2ProtocolException {
        if ((len & 1) != 0) {
            throw Smb2ProtocolException.invalid("odd UTF-16 length " + len);
        }
        return new String(bufferAt(offset, len), StandardCharsets.UTF_16LE);
    }
}
