package io.interlock.scenarios.clients.rpc;

import java.nio.charset.StandardCharsets;

/**
 * XDR decoder (RFC 4506) of the engine's clients; throws {@link RpcProtocolException} on short or
 * malformed input. Deliberately separate from the server's XdrReader, so a codec bug cannot hide
 * by being on both sides of the wire.
 */
public final class XdrIn {
    private final byte[] b;
    private int pos;

    public XdrIn(byte[] b) {
        this(b, 0);
    }

    public XdrIn(byte[] b, int pos) {
        this.b = b;
        this.pos = pos;
    }

    public int position() {
        return pos;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return b.length - pos;
    }

    private void need(int n) {
        if (n < 0 || pos + n > b.length) {
            throw new RpcProtocolException("XDR: need " + n + " bytes at " + pos + " of " + b.length);
        }
    }

    /** int (RFC 4506 §4.1). */
    public int int32() {
        need(4);
        int v = (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** unsigned int (§4.2), widened without sign extension. */
    public long uint32() {
        return int32() & 0xFFFFFFFFL;
    }

    /** hyper / unsigned hyper (§4.5); an unsigned value above 2^63 comes back negative. */
    public long hyper() {
        long hi = int32() & 0xFFFFFFFFL;
        return hi << 32 | (int32() & 0xFFFFFFFFL);
    }

    /** bool (§4.4): exactly 0 or 1. */
    public boolean bool() {
        int v = int32();
        if (v != 0 && v != 1) {
            throw new RpcProtocolException("XDR: bool " + v);
        }
        return v == 1;
    }

    /** Variable-length opaque (§4.10) of at most {@code max} bytes. */
    public byte[] opaque(int max) {
        int len = int32();
        if (len < 0 || len > max) {
            throw new RpcProtocolException("XDR: opaque of " + len + " bytes, max " + max);
        }
        byte[] out = fixed(len);
        skipPadding(len);
        return out;
    }

    /** string (§4.11) of at most {@code max} bytes, read as UTF-8. */
    public String string(int max) {
        return new String(opaque(max), StandardCharsets.UTF_8);
    }

    /** Fixed-length opaque (§4.9) of {@code n} bytes plus its padding. */
    public byte[] fixedOpaque(int n) {
        byte[] out = fixed(n);
        skipPadding(n);
        return out;
    }

    /** {@code n} raw bytes, no padding. */
    public byte[] fixed(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(b, pos, out, 0, n);
        pos += n;
        return out;
    }

    private void skipPadding(int len) {
        int pad = (4 - (len & 3)) & 3;
        need(pad);
        pos += pad;
    }
}
