package io.interlock.server.rpc;

import io.interlock.server.core.io.PayloadBuffer;

/** Something that writes itself as XDR: procedure results, records of a message. */
@FunctionalInterface
public interface XdrEncodable {
    XdrEncodable VOID = w -> {};

    void encode(XdrWriter w);

    /**
     * Bytes {@link #encode} writes, or 0 when unknown. Large results (READ data) say it, so that the
     * reply is encoded into one array of the right size: no growth copies, no final copy.
     */
    default int encodedSize() {
        return 0;
    }

    /**
     * Bulk data that follows what {@link #encode} wrote, as the body of an XDR opaque whose length
     * word encode wrote last (READ data read straight from the store), or null. The transport sends
     * it as it is, then the opaque's padding; whoever holds the reply last releases it.
     */
    default PayloadBuffer payload() {
        return null;
    }

    /** The bytes of {@link #payload()} that belong to the opaque; 0 without a payload. */
    default int payloadLength() {
        return 0;
    }
}
