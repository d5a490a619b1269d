package io.interlock.scenarios.clients.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * XDR encoder (RFC 4506) of the engine's clients. Deliberately separate from the server's
 * XdrWriter, so a codec bug cannot hide by being on both sides of the wire.
 */
public final class XdrOut {
    private final ByteArrayOutputStream out;

    public XdrOut() {
        this(256);
    }

    public XdrOut(int initialCapacity) {
        out = new ByteArrayOutputStream(initialCapacity);
    }

    /** int (RFC 4506 §4.1). */
    public XdrOut int32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    /** unsigned int (§4.2) from the low 32 bits of {@code v}. */
    public XdrOut uint32(long v) {
        return int32((int) v);
    }

    /** hyper / unsigned hyper (§4.5). */
    public XdrOut hyper(long v) {
        return int32((int) (v >>> 32)).int32((int) v);
    }

    /** bool (§4.4). */
    public XdrOut bool(boolean v) {
        return int32(v ? 1 : 0);
    }

    /** Variable-length opaque (§4.10): length word, bytes, padding. */
    public XdrOut opaque(byte[] b) {
        return opaque(b, 0, b.length);
    }

    /** Variable-length opaque of {@code len} bytes of {@code b} from {@code off}. */
    public XdrOut opaque(byte[] b, int off, int len) {
        int32(len);
        out.write(b, off, len);
        return pad(len);
    }

    /** Fixed-length opaque (§4.9): the bytes and their padding, no length word. */
    public XdrOut fixedOpaque(byte[] b) {
        out.write(b, 0, b.length);
        return pad(b.length);
    }

    /** string (§4.11) as UTF-8. */
    public XdrOut string(String s) {
        return opaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends bytes already in XDR form (e.g. encoded arguments). */
    public XdrOut raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    private XdrOut pad(int len) {
        for (int i = len; (i & 3) != 0; i++) {
            out.write(0);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
