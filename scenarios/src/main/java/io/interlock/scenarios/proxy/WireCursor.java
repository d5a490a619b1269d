package io.interlock.scenarios.proxy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A bounds-checked reader over {@code b[from, to)} for the frame decoders. Every read past the
 * window throws {@link Malformed}, which the decoders turn into an {@link Opaque} summary: garbage
 * never escapes as an exception.
 */
final class WireCursor {
    private final byte[] b;
    private final int from;
    private final int to;
    private int pos;

    /** A decoding failure; no stack trace (it is data, not a bug). */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    WireCursor(byte[] b, int from, int to) {
        if (from < 0 || to > b.length || from > to) {
            throw new Malformed("window [" + from + ", " + to + ") outside " + b.length + " bytes");
        }
        this.b = b;
        this.from = from;
        this.to = to;
        this.pos = from;
    }

    static Malformed malformed(String message) {
        return new Malformed(message);
    }

    int position() {
        return pos;
    }

    int limit() {
        return to;
    }

    int remaining() {
        return to - pos;
    }

    /** Moves to an absolute position inside the window. */
    WireCursor seek(long at) {
        if (at < from || at > to) {
            throw new Malformed("offset " + at + " outside [" + from + ", " + to + ")");
        }
        pos = (int) at;
        return this;
    }

    WireCursor skip(long n) {
        need(n);
        pos += (int) n;
        return this;
    }

    private void need(long n) {
        if (n < 0 || pos + n > to) {
            throw new Malformed("need " + n + " bytes at " + pos + ", window ends at " + to);
        }
    }

    int u8() {
        need(1);
        return b[pos++] & 0xFF;
    }

    int u16le() {
        need(2);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int i32le() {
        need(4);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long u32le() {
        return i32le() & 0xFFFFFFFFL;
    }

    long u64le() {
        long lo = u32le();
        return lo | u32le() << 32;
    }

    int i32be() {
        need(4);
        int v = (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** An XDR variable-length opaque (RFC 4506 §4.10) of at most {@code max} bytes, skipped. */
    void skipXdrOpaque(int max) {
        long len = i32be() & 0xFFFFFFFFL;
        if (len > max) {
            throw new Malformed("XDR opaque of " + len + " bytes, at most " + max);
        }
        skip((len + 3) & ~3L);
    }

    /**
     * 16 bytes as a UUID whose text form reads like the bytes in order (the engine's lease-key
     * convention: the key's bytes, most significant first).
     */
    UUID uuid16() {
        need(16);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (b[pos + i] & 0xFF);
            lsb = lsb << 8 | (b[pos + 8 + i] & 0xFF);
        }
        pos += 16;
        return new UUID(msb, lsb);
    }

    /** {@code byteLength} bytes of UTF-16LE text. */
    String utf16le(int byteLength) {
        need(byteLength);
        String s = new String(b, pos, byteLength & ~1, StandardCharsets.UTF_16LE);
        pos += byteLength;
        return s;
    }

    /** Four ASCII characters (a create-context name). */
    String ascii(int n) {
        need(n);
        String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }
}
