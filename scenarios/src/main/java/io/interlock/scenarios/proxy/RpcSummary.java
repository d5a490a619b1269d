package io.interlock.scenarios.proxy;

/**
 * An ONC RPC v2 message (RFC 5531 §9): a {@link RpcCall} or a {@link RpcReply}. A reply carries no
 * program or procedure; the engine pairs it with its call by xid on the same connection.
 */
public sealed interface RpcSummary extends FrameSummary permits RpcCall, RpcReply {
    int CALL = 0;
    int REPLY = 1;

    /** The transaction id. */
    int xid();

    /** Decodes a record as the proxy cut it: fragment headers included. */
    static FrameSummary decode(byte[] frame) {
        byte[] msg = payload(frame);
        WireCursor c = new WireCursor(msg, msg == frame ? 4 : 0, msg.length);
        int xid = c.i32be(); // xid (4 bytes)
        int type = c.i32be(); // msg_type (4 bytes)
        if (type == CALL) {
            return RpcCall.decode(c, xid);
        }
        if (type == REPLY) {
            return RpcReply.decode(c, xid);
        }
        return new Opaque("RPC msg_type " + type);
    }

    /**
     * The record's bytes without the record-marking headers: the frame itself (payload from offset
     * 4) when it has a single fragment, else a stitched copy.
     */
    private static byte[] payload(byte[] frame) {
        if (frame.length < 4) {
            throw WireCursor.malformed("record of " + frame.length + " bytes");
        }
        int h = FrameReader.be32(frame, 0);
        int len = h & 0x7FFFFFFF;
        if (h < 0 && len == frame.length - 4) {
            return frame;
        }
        int at = 0;
        int total = 0;
        while (true) {
            if (frame.length - at < 4) {
                throw WireCursor.malformed("fragment header truncated at " + at);
            }
            int fh = FrameReader.be32(frame, at);
            long fl = fh & 0x7FFFFFFFL;
            if (at + 4 + fl > frame.length) {
                throw WireCursor.malformed("fragment of " + fl + " bytes at " + at + " in a record of " + frame.length);
            }
            total += (int) fl;
            at += 4 + (int) fl;
            if (fh < 0) {
                break;
            }
        }
        if (at != frame.length) {
            throw WireCursor.malformed((frame.length - at) + " bytes after the last fragment");
        }
        byte[] out = new byte[total];
        int from = 0;
        int to = 0;
        while (to < total) {
            int fl = FrameReader.be32(frame, from) & 0x7FFFFFFF;
            System.arraycopy(frame, from + 4, out, to, fl);
            to += fl;
            from += 4 + fl;
        }
        return out;
    }
}
