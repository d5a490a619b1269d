package io.interlock.scenarios.clients.smb;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * A lease key is an opaque 128-bit value compared bytewise ([MS-SMB2] 2.2.13.2.8). We hold it as a
 * {@link UUID} and put it on the wire as the UUID's 16 bytes, most significant first, so the bytes
 * seen in a capture read like the UUID's text form.
 */
public final class LeaseKeys {
    private LeaseKeys() {}

    public static void put(ByteBuffer b, UUID key) {
        b.putLong(Long.reverseBytes(key.getMostSignificantBits()));
        b.putLong(Long.reverseBytes(key.getLeastSignificantBits()));
    }

    /** Reads 16 bytes written by {@link #put}; the buffer may be little-endian. */
    public static UUID get(ByteBuffer b) {
        long msb = Long.reverseBytes(b.getLong());
        long lsb = Long.reverseBytes(b.getLong());
        return new UUID(msb, lsb);
    }
}
