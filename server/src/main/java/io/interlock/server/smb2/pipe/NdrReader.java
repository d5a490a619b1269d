package io.interlock.server.smb2.pipe;

import java.nio.charset.StandardCharsets;

/** NDR 2.0 little-endian unmarshalling of a request stub; every overrun throws {@link NdrException}. */
final class NdrReader {
    private final byte[] buf;
    private int pos;

    NdrReader(byte[] buf) {
        this.buf = buf;
    }

    private void need(int n) throws NdrException {
        if (pos + n > buf.length) {
            throw new NdrException("stub ends at " + buf.length + ", need " + n + " more at " + pos);
        }
    }

    void align(int a) throws NdrException {
        int pad = (a - (pos % a)) % a;
        need(pad);
        pos += pad;
    }

    int u16() throws NdrException {
        align(2);
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int u32() throws NdrException {
        align(4);
        need(4);
        int v = (buf[pos] & 0xFF)
                | (buf[pos + 1] & 0xFF) << 8
                | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A conformant varying UTF-16 string; the trailing NUL, if any, is dropped. */
    String string() throws NdrException {
        int max = u32(); // MaximumCount
        int offset = u32(); // Offset
        int actual = u32(); // ActualCount
        if (offset != 0 || actual < 0 || max < 0 || actual > max || actual > (buf.length - pos) / 2) {
            throw new NdrException("bad string counts max=" + max + " offset=" + offset + " actual=" + actual);
        }
        String s = new String(buf, pos, actual * 2, StandardCharsets.UTF_16LE);
        pos += actual * 2;
        return s.endsWith("\0") ? s.substring(0, s.length() - 1) : s;
    }

    /** A unique pointer followed (when non-null) by its string pointee. */
    String uniqueString() throws NdrException {
        return u32() == 0 ? null : string();
    }

    /** Malformed stub data: answered with an RPC fault. */
    static final class NdrException extends Exception {
        private static final long serialVersionUID = 1L;

        NdrException(String m) {
            super(m, null, false, false);
        }
    }
}
