package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An NDR 2.0 little-endian reader ([C706] 14) of the srvsvc client: primitives aligned to their
 * size from the start of the stub, and conformant varying strings. Short or absurd input throws
 * {@link IOException}.
 */
final class NdrIn {
    /** Longest string we accept, in UTF-16 code units (MS-SRVS names are far shorter). */
    static final int MAX_STRING = 64 * 1024;

    private final byte[] b;
    private int pos;

    NdrIn(byte[] b) {
        this.b = b;
    }

    private void align(int n) throws IOException {
        int aligned = (pos + n - 1) & -n;
        if (aligned > b.length) {
            throw new IOException("NDR: alignment past the end at " + pos);
        }
        pos = aligned;
    }

    long u32() throws IOException {
        align(4);
        if (pos + 4 > b.length) {
            throw new IOException("NDR: need 4 bytes at " + pos + " of " + b.length);
        }
        long v = (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16 | (b[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    /** A count that must be at most {@code max}. */
    int count(int max) throws IOException {
        long v = u32();
        if (v > max) {
            throw new IOException("NDR: count " + v + " above " + max);
        }
        return (int) v;
    }

    /**
     * A conformant varying string of UTF-16 code units ([C706] 14.3.4): MaximumCount, Offset,
     * ActualCount, the units (the count includes the terminating NUL, which is dropped).
     */
    String string() throws IOException {
        int max = count(MAX_STRING); // MaximumCount (4 bytes)
        int offset = count(max); // Offset (4 bytes)
        int actual = count(max - offset); // ActualCount (4 bytes)
        if (pos + 2L * actual > b.length) {
            throw new IOException("NDR: string of " + actual + " units past the end");
        }
        int units = actual > 0 && b[pos + 2 * actual - 2] == 0 && b[pos + 2 * actual - 1] == 0 ? actual - 1 : actual;
        String s = new String(b, pos, 2 * units, StandardCharsets.UTF_16LE);
        pos += 2 * actual;
        return s;
    }
}
