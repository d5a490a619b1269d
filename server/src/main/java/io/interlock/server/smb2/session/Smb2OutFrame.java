package io.interlock.server.smb2.session;

import io.interlock.server.core.io.PayloadBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One outgoing SMB2 message or compound chain, without the 4-byte transport header, as the parts
 * it was encoded in: byte arrays (headers, small bodies, padding) and transport buffers holding bulk
 * data (READ). A transport sends the parts in order without joining them; whoever drops the frame
 * instead calls {@link #release}.
 */
public final class Smb2OutFrame {
    /** {@code length} bytes of a transport buffer. */
    public record Payload(PayloadBuffer buffer, int length) {}

    private final List<Object> parts = new ArrayList<>();
    private int length;

    /** Appends bytes. */
    public Smb2OutFrame add(byte[] bytes) {
        parts.add(bytes);
        length += bytes.length;
        return this;
    }

    /** Appends the first {@code n} bytes of {@code buffer}, taking it over. */
    public Smb2OutFrame add(PayloadBuffer buffer, int n) {
        parts.add(new Payload(buffer, n));
        length += n;
        return this;
    }

    /** The parts in order: {@code byte[]} or {@link Payload}. */
    public List<Object> parts() {
        return parts;
    }

    /** Bytes in all. */
    public int length() {
        return length;
    }

    /** The frame as one array (a copy), releasing the payloads: for transports without buffers. */
    public byte[] toBytes() {
        byte[] all = new byte[length];
        int at = 0;
        for (Object p : parts) {
            if (p instanceof byte[] b) {
                System.arraycopy(b, 0, all, at, b.length);
                at += b.length;
            } else {
                Payload q = (Payload) p;
                q.buffer().nio().duplicate().position(0).limit(q.length()).get(all, at, q.length());
                at += q.length();
                q.buffer().release();
            }
        }
        parts.clear();
        return all;
    }

    /** Releases the payloads of a frame that will not be sent. */
    public void release() {
        for (Object p : parts) {
            if (p instanceof Payload q) {
                q.buffer().release();
            }
        }
        parts.clear();
    }
}
