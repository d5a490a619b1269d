package io.interlock.scenarios.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts one direction of a TCP stream into frames ({@link WireProtocol}). It never blocks except in
 * {@link #fill}, and it reports exactly how many bytes it has read that are not yet part of a
 * returned frame ({@link #pending}), which is what the proxy exposes as "a partial frame is still
 * arriving".
 *
 * <p>Small frames are cut out of a reusable buffer (one allocation per frame: the frame itself).
 * A frame larger than that buffer is read straight into its own array. An ONC RPC record of several
 * fragments grows its array once per extra fragment. Not thread-safe: one reader thread owns it.
 */
final class FrameReader {
    static final int BUFFER = 64 * 1024;
    private static final int HEADER = 4;

    private final WireProtocol protocol;
    private final int maxFrame;
    private final InputStream in;
    private final byte[] buf;
    /** Unconsumed bytes are buf[start, end). */
    private int start;

    private int end;
    /** A frame too large for buf, filled up to bigFill; null when none. */
    private byte[] big;

    private int bigFill;
    /** RPC: whether the fragment that ends big is the record's last. */
    private boolean bigLast;

    /** Thrown when a frame announces more than the configured maximum. */
    static final class FrameTooLargeException extends IOException {
        FrameTooLargeException(String message) {
            super(message);
        }
    }

    FrameReader(WireProtocol protocol, int maxFrame, InputStream in) {
        this(protocol, maxFrame, in, BUFFER);
    }

    FrameReader(WireProtocol protocol, int maxFrame, InputStream in, int bufferSize) {
        if (maxFrame < HEADER) {
            throw new IllegalArgumentException("maxFrame " + maxFrame);
        }
        this.protocol = protocol;
        this.maxFrame = maxFrame;
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 16)];
    }

    /** Bytes read from the stream that are not part of a frame returned by {@link #next} yet. */
    int pending() {
        return end - start + (big != null ? bigFill : 0);
    }

    /**
     * Reads once from the stream (blocking until at least one byte or end of stream).
     *
     * @return bytes read, or -1 at end of stream
     */
    int fill() throws IOException {
        if (big != null && bigFill < big.length) {
            int n = in.read(big, bigFill, big.length - bigFill);
            if (n > 0) {
                bigFill += n;
            }
            return n;
        }
        if (start > 0) {
            // keep the unconsumed tail at the front so a frame that fits the buffer always can
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            throw new IllegalStateException("frame buffer full without a frame boundary");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /**
     * The next complete frame, or null when more bytes are needed ({@link #fill}). No I/O.
     *
     * @throws FrameTooLargeException when the frame announces more than the maximum
     */
    byte[] next() throws FrameTooLargeException {
        if (big != null) {
            return continueBig();
        }
        return protocol == WireProtocol.SMB2 ? nextSmb2() : nextRpc();
    }

    private byte[] nextSmb2() throws FrameTooLargeException {
        int avail = end - start;
        if (avail < HEADER) {
            return null;
        }
        // [MS-SMB2] 2.1: Zero (1 byte), StreamProtocolLength (3 bytes, big-endian)
        int len = HEADER + ((buf[start + 1] & 0xFF) << 16 | (buf[start + 2] & 0xFF) << 8 | (buf[start + 3] & 0xFF));
        checkSize(len);
        if (avail >= len) {
            byte[] frame = Arrays.copyOfRange(buf, start, start + len);
            start += len;
            return frame;
        }
        if (len <= buf.length) {
            return null; // fits once more bytes arrive (fill compacts first)
        }
        startBig(len, true);
        return null;
    }

    private byte[] nextRpc() throws FrameTooLargeException {
        int at = start;
        while (true) {
            if (end - at < HEADER) {
                if (end - start == buf.length) {
                    // complete fragments fill the buffer: keep them in a frame of their own
                    bigAtBoundary(at);
                }
                return null;
            }
            // RFC 5531 §11: last-fragment bit, then a 31-bit fragment length (4 bytes, big-endian)
            int h = be32(buf, at);
            boolean last = h < 0;
            long fragEnd = (long) (at - start) + HEADER + (h & 0x7FFFFFFF);
            checkSize(fragEnd);
            if (start + fragEnd <= end) {
                at = start + (int) fragEnd;
                if (last) {
                    byte[] frame = Arrays.copyOfRange(buf, start, at);
                    start = at;
                    return frame;
                }
                continue;
            }
            if (fragEnd <= buf.length) {
                return null;
            }
            startBig((int) fragEnd, last);
            return null;
        }
    }

    private void startBig(int length, boolean last) {
        big = new byte[length];
        bigFill = end - start;
        System.arraycopy(buf, start, big, 0, bigFill);
        bigLast = last;
        start = 0;
        end = 0;
    }

    /** The record so far is the complete fragments in buf[start, at); the next header follows. */
    private void bigAtBoundary(int at) {
        big = Arrays.copyOfRange(buf, start, at);
        bigFill = big.length;
        bigLast = false;
        start = at;
    }

    private byte[] continueBig() throws FrameTooLargeException {
        while (true) {
            if (bigFill < big.length) {
                return null;
            }
            if (protocol == WireProtocol.SMB2 || bigLast) {
                byte[] frame = big;
                big = null;
                bigFill = 0;
                return frame;
            }
            // RPC: the next fragment header arrives in buf, since fill reads there once big is full
            if (end - start < HEADER) {
                return null;
            }
            int h = be32(buf, start);
            int fragLength = h & 0x7FFFFFFF;
            long total = (long) big.length + HEADER + fragLength;
            checkSize(total);
            big = Arrays.copyOf(big, (int) total);
            int copy = Math.min(end - start, HEADER + fragLength);
            System.arraycopy(buf, start, big, bigFill, copy);
            start += copy;
            bigFill += copy;
            bigLast = h < 0;
        }
    }

    private void checkSize(long length) throws FrameTooLargeException {
        if (length > maxFrame) {
            throw new FrameTooLargeException(
                    protocol + " frame of " + length + " bytes, above the maximum " + maxFrame);
        }
    }

    static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
