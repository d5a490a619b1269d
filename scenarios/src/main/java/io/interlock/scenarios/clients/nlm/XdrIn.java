package io.interlock.scenarios.clients.nlm;

import java.nio.charset.StandardCharsets;

/** XDR decoder (RFC 4506) of the test client; throws {@link NlmProtocolException} on short input. */
final class XdrIn {
    private final byte[] b;
    private int pos;

    XdrIn(byte[] b, int pos) {
        this.b = b;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    private void need(int n) {
        if (n < 0 || pos + n > b.length) {
            throw new NlmProtocolException("XDR: need " + n + " bytes at " + pos + " of " + b.length);
        }
    }

    int int32() {
        need(4);
        int v = (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long hyper() {
        long hi = int32() & 0xFFFFFFFFL;
        return hi << 32 | (int32() & 0xFFFFFFFFL);
    }

    boolean bool() {
        int v = int32();
        if (v != 0 && v != 1) {
            throw new NlmProtocolException("XDR: bool " + v);
        }
        return v == 1;
    }

    byte[] opaque(int max) {
        int len = int32();
        if (len < 0 || len > max) {
            throw new NlmProtocolException("XDR: opaque of " + len + " bytes, max " + max);
        }
        int padded = (len + 3) & ~3;
        need(padded);
        byte[] out = new byte[len];
        System.arraycopy(b, pos, out, 0, len);
        pos += padded;
        return out;
    }

    String string(int max) {
        return new String(opaque(max), StandardCharsets.UTF_8);
    }

    byte[] fixed(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(b, pos, out, 0, n);
        pos += n;
        return out;
    }
}
