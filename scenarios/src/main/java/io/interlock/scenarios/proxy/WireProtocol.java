package io.interlock.scenarios.proxy;

/**
 * How a routed TCP stream is cut into frames. A frame is the unit the proxy holds and delivers:
 * the receiver of a frame can act on it alone, so delivering whole frames keeps every endpoint's
 * view of the stream well formed.
 */
public enum WireProtocol {
    /**
     * SMB2/3 over direct TCP ([MS-SMB2] 2.1): each frame is one NetBIOS session message, a zero
     * byte and a 3-byte big-endian length, then that many bytes (one SMB2 message, a compound
     * chain, or an SMB 3 transform). The 4-byte header is part of the frame.
     */
    SMB2,
    /**
     * ONC RPC over TCP with record marking (RFC 5531 §11): each frame is one whole record, i.e. all
     * its fragments, each with its 4-byte header (high bit = last fragment, 31-bit length), as they
     * were on the wire.
     */
    ONC_RPC
}
