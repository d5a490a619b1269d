package io.interlock.scenarios.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Immutable file content or request data, compared by value. */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** The UTF-8 bytes of {@code s}. */
    public static Bytes of(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return data.length;
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** Bytes [from, from+length) cut at the end of the content. */
    public Bytes slice(long from, long length) {
        if (from >= data.length || length <= 0) {
            return EMPTY;
        }
        int start = (int) from;
        int end = (int) Math.min(data.length, from + length);
        return new Bytes(Arrays.copyOfRange(data, start, end));
    }

    /** This content with {@code d} written at {@code offset}, zero-filling a gap (RFC 1813 §3.3.7). */
    public Bytes write(long offset, Bytes d) {
        long end = offset + d.data.length;
        if (end > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model contents are limited to 2 GiB");
        }
        byte[] out = Arrays.copyOf(data, (int) Math.max(data.length, end));
        System.arraycopy(d.data, 0, out, (int) offset, d.data.length);
        return new Bytes(out);
    }

    /** This content cut or zero-extended to {@code size}. */
    public Bytes resize(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model contents are limited to 2 GiB");
        }
        return size == 0 ? EMPTY : new Bytes(Arrays.copyOf(data, (int) size));
    }

    /** Whether {@code other} is a prefix of this content. */
    public boolean startsWith(Bytes other) {
        return other.data.length <= data.length
                && Arrays.equals(data, 0, other.data.length, other.data, 0, other.data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** The content as text when it is printable ASCII, else as hex; long contents are cut. */
    @Override
    public String toString() {
        boolean text = true;
        for (byte b : data) {
            if (b < 0x20 || b > 0x7e) {
                text = false;
                break;
            }
        }
        int n = Math.min(data.length, 48);
        String shown;
        if (text) {
            shown = "\"" + new String(data, 0, n, StandardCharsets.US_ASCII) + "\"";
        } else {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = 0; i < n; i++) {
                sb.append(String.format("%02x", data[i] & 0xff));
            }
            shown = sb.toString();
        }
        return data.length > n ? shown + "…(" + data.length + " bytes)" : shown;
    }
}
