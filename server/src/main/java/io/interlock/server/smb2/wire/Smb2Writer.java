package io.interlock.server.smb2.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** Growable little-endian byte buffer for encoding SMB2 messages and structures. */
public final class Smb2Writer {
    private byte[] buf;
    private int len;

    public Smb2Writer() {
        this(256);
    }

    public Smb2Writer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public int size() {
        return len;
    }

    public Smb2Writer u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public Smb2Writer u16(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        return this;
    }

    public Smb2Writer u32(int v) {
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 24);
        return this;
    }

    public Smb2Writer u64(long v) {
        u32((int) v);
        return u32((int) (v >>> 32));
    }

    public Smb2Writer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public Smb2Writer bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public Smb2Writer zeros(int n) {
        ensure(n);
        len += n;
        return this;
    }

    /** Pads with zeros to a multiple of {@code alignment}. */
    public Smb2Writer align(int alignment) {
        int r = len % alignment;
        return r == 0 ? this : zeros(alignment - r);
    }

    public Smb2Writer guid(UUID g) {
        long msb = g.getMostSignificantBits();
        long lsb = g.getLeastSignificantBits();
        ensure(16);
        for (int i = 7; i >= 0; i--) {
            buf[len++] = (byte) (msb >>> (8 * i));
        }
        for (int i = 7; i >= 0; i--) {
            buf[len++] = (byte) (lsb >>> (8 * i));
        }
        return this;
    }

    public Smb2Writer utf16(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    /** Overwrites a 16-bit field already written at {@code at}. */
    public void putU16(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    /** Overwrites a 32-bit field already written at {@code at}. */
    public void putU32(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
