package io.interlock.server.smb2.wire;

import io.interlock.server.core.io.PayloadBuffer;

/** A response body that can encode itself after its 64-byte header. */
public interface Smb2Response {
    /**
     * Writes the body. {@code w} already holds the header, so {@code w.size()} is an offset from
     * the beginning of the SMB2 header, as the spec's offset fields are.
     */
    void encode(Smb2Writer w);

    /**
     * Bulk data that follows what {@link #encode} wrote, kept in the transport's own memory (READ);
     * null for none. The dispatcher sends it after the encoded part without copying it, and owns it
     * from the moment the handler returns.
     */
    default PayloadBuffer payload() {
        return null;
    }

    /** Bytes of {@link #payload} that belong to the message. */
    default int payloadLength() {
        return 0;
    }
}
