package io.interlock.scenarios.proxy;

/**
 * What a frame says, decoded far enough for the engine to map frames to operations and to read
 * their statuses: an SMB2 message chain ({@link Smb2Summary}), an ONC RPC call or reply ({@link
 * RpcSummary}), or, for anything the decoders cannot read, {@link Opaque} with the reason.
 *
 * <p>{@link #decode} never throws: malformed, truncated or foreign bytes become {@link Opaque}.
 */
public sealed interface FrameSummary permits Smb2Summary, RpcSummary, Opaque {

    /**
     * Decodes a whole frame as the proxy cut it (with its 4-byte NetBIOS or record-marking
     * header).
     */
    static FrameSummary decode(WireProtocol protocol, byte[] frame) {
        try {
            return protocol == WireProtocol.SMB2 ? Smb2Summary.decode(frame) : RpcSummary.decode(frame);
        } catch (WireCursor.Malformed e) {
            return new Opaque(e.getMessage());
        }
    }
}
