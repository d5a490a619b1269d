package io.interlock.server.rpc;

import java.nio.charset.StandardCharsets;

/**
 * Reads XDR (RFC 4506) from a byte array with bounds checks. Every length is checked against the
 * bytes actually left before anything is allocated, so a hostile length costs nothing. Trailing
 * bytes after the last field are never an error (nfs-client-java sends some, spec q4).
 */
public final class XdrReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public XdrReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public XdrReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("bad slice");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return end - pos;
    }

    public int position() {
        return pos;
    }

    private void need(long n) {
        if (n < 0 || n > end - pos) {
            throw new XdrException("need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    /** A signed 32-bit int. */
    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24)
                | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** An unsigned 32-bit int, widened. */
    public long readUnsignedInt() {
        return readInt() & 0xFFFFFFFFL;
    }

    /** A 64-bit hyper (signed or unsigned: the caller interprets it). */
    public long readLong() {
        long hi = readInt() & 0xFFFFFFFFL;
        long lo = readInt() & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    /** A bool: 0 or 1, anything else is garbage. */
    public boolean readBoolean() {
        int v = readInt();
        if (v != 0 && v != 1) {
            throw new XdrException("bad bool " + v);
        }
        return v == 1;
    }

    /** Fixed-length opaque[n], padded to a multiple of 4. */
    public byte[] readFixedOpaque(int n) {
        int padded = pad(n);
        need(padded);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += padded;
        return out;
    }

    /** Variable-length opaque<max>. */
    public byte[] readOpaque(int max) {
        long len = readUnsignedInt();
        if (len > max) {
            throw new XdrException("opaque length " + len + " above bound " + max);
        }
        return readFixedOpaque((int) len);
    }

    /**
     * Variable-length opaque<max> without a copy: returns its offset in {@link #array()} and skips
     * it. For WRITE payloads.
     */
    public int readOpaqueInPlace(int max, int[] lengthOut) {
        long len = readUnsignedInt();
        if (len > max) {
            throw new XdrException("opaque length " + len + " above bound " + max);
        }
        int padded = pad((int) len);
        need(padded);
        int at = pos;
        pos += padded;
        lengthOut[0] = (int) len;
        return at;
    }

    /** The backing array (for {@link #readOpaqueInPlace}). */
    public byte[] array() {
        return buf;
    }

    /** string<max> as UTF-8 (invalid sequences become U+FFFD). */
    public String readString(int max) {
        return new String(readOpaque(max), StandardCharsets.UTF_8);
    }

    /** Skips n bytes (already padded by the caller). */
    public void skip(int n) {
        need(n);
        pos += n;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
