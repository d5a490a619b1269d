package io.interlock.server.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes XDR (RFC 4506) into a growable byte array. Not thread-safe. */
public final class XdrWriter {
    private byte[] buf;
    private int pos;

    public XdrWriter() {
        this(256);
    }

    public XdrWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public XdrWriter writeInt(int v) {
        ensure(4);
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
        return this;
    }

    public XdrWriter writeUnsignedInt(long v) {
        return writeInt((int) v);
    }

    public XdrWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public XdrWriter writeBoolean(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    /** Fixed-length opaque[n] with padding. */
    public XdrWriter writeFixedOpaque(byte[] data) {
        return writeFixedOpaque(data, 0, data.length);
    }

    public XdrWriter writeFixedOpaque(byte[] data, int off, int len) {
        int padded = (len + 3) & ~3;
        ensure(padded);
        System.arraycopy(data, off, buf, pos, len);
        for (int i = len; i < padded; i++) {
            buf[pos + i] = 0;
        }
        pos += padded;
        return this;
    }

    /** Variable-length opaque<>: length word, bytes, padding. */
    public XdrWriter writeOpaque(byte[] data) {
        return writeOpaque(data, 0, data.length);
    }

    public XdrWriter writeOpaque(byte[] data, int off, int len) {
        writeInt(len);
        return writeFixedOpaque(data, off, len);
    }

    public XdrWriter writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written so far. */
    public int size() {
        return pos;
    }

    /**
     * The bytes written, for a writer that is done: its own array when that is exactly full (a
     * writer sized with the message's exact length), else a copy. Nothing may be written after.
     */
    public byte[] finish() {
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
