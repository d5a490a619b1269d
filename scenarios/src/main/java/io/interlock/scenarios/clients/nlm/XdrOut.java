package io.interlock.scenarios.clients.nlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * XDR encoder (RFC 4506) of the test client. Deliberately separate from the server's XdrWriter, so
 * a codec bug cannot hide by being on both sides of the wire.
 */
final class XdrOut {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    XdrOut int32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    XdrOut hyper(long v) {
        return int32((int) (v >>> 32)).int32((int) v);
    }

    XdrOut bool(boolean v) {
        return int32(v ? 1 : 0);
    }

    XdrOut opaque(byte[] b) {
        int32(b.length);
        out.write(b, 0, b.length);
        for (int i = b.length; i % 4 != 0; i++) {
            out.write(0);
        }
        return this;
    }

    XdrOut string(String s) {
        return opaque(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
