package io.interlock.server.smb2.wire;

import io.interlock.server.core.io.PayloadBuffer;

/**
 * SMB2 READ Response ([MS-SMB2] 2.2.20); the data starts at header offset 80. The data is either
 * a byte array ({@code data}; pipes) or the first {@code length} bytes of a transport buffer the
 * file was read into ({@code buffer}; files), which the dispatcher sends without a copy.
 *
 * @param data the bytes read, or null when they are in {@code buffer}
 * @param buffer the transport buffer holding them, or null
 * @param length bytes of {@code buffer} read
 */
public record ReadResponse(byte[] data, PayloadBuffer buffer, int length) implements Smb2Response {
    public ReadResponse(byte[] data) {
        this(data, null, data.length);
    }

    /** The first {@code length} (at least 1) bytes of {@code buffer}. */
    public static ReadResponse of(PayloadBuffer buffer, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("a buffered READ response carries data");
        }
        return new ReadResponse(null, buffer, length);
    }

    @Override
    public void encode(Smb2Writer w) {
        w.u16(17); // StructureSize (2 bytes)
        w.u8(Smb2Header.SIZE + 16); // DataOffset (1 byte)
        w.u8(0); // Reserved (1 byte)
        w.u32(length); // DataLength (4 bytes)
        w.u32(0); // DataRemaining (4 bytes)
        w.u32(0); // Flags/Reserved2 (4 bytes)
        if (buffer != null) {
            return; // Buffer: the payload, appended by the dispatcher
        }
        w.bytes(data); // Buffer
        if (data.length == 0) {
            w.u8(0);
        }
    }

    @Override
    public PayloadBuffer payload() {
        return buffer;
    }

    @Override
    public int payloadLength() {
        return buffer == null ? 0 : length;
    }
}
