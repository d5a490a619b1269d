package io.interlock.server.smb2.pipe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NDR 2.0 little-endian marshalling of a stub ([C706] chapter 14, [MS-RPCE] 2.2.5): primitives
 * aligned to their size relative to the stub start, unique/full pointer referent ids, and
 * conformant varying UTF-16 strings.
 */
final class NdrWriter {
    private byte[] buf = new byte[256];
    private int len;
    private int nextReferent = 0x00020000;

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    NdrWriter align(int a) {
        int pad = (a - (len % a)) % a;
        ensure(pad);
        len += pad;
        return this;
    }

    NdrWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    NdrWriter u16(int v) {
        align(2);
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        return this;
    }

    NdrWriter u32(int v) {
        align(4);
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 24);
        return this;
    }

    /** A non-null embedded or unique pointer: a fresh referent id. */
    NdrWriter pointer() {
        u32(nextReferent);
        nextReferent += 4;
        return this;
    }

    /** A null unique pointer. */
    NdrWriter nullPointer() {
        return u32(0);
    }

    /**
     * A conformant varying string ([string] wchar_t*): MaximumCount, Offset 0, ActualCount, then
     * the UTF-16LE code units with the terminating NUL. Counts are UTF-16 code units including the
     * NUL, never bytes (R-CACHE-6).
     */
    NdrWriter string(String s) {
        int units = s.length() + 1;
        u32(units); // MaximumCount
        u32(0); // Offset
        u32(units); // ActualCount
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        ensure(b.length + 2);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length + 2;
        return this;
    }

    int size() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
