package io.interlock.server.rpc;

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
}
