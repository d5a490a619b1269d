package io.interlock.server.rpc;

/** Something that writes itself as XDR: procedure results, records of a message. */
@FunctionalInterface
public interface XdrEncodable {
    XdrEncodable VOID = w -> {};

    void encode(XdrWriter w);
}
