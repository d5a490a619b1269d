package io.interlock.server.rpc;

import io.interlock.server.core.io.PayloadBuffer;
import java.nio.ByteBuffer;

/**
 * One encoded RPC reply message (RFC 5531 §9 reply_body), without record marking: {@code head}, then
 * for a reply with bulk data (an NFS READ) the first {@code payloadLength} bytes of {@code payload}
 * and the zero bytes that pad them to a multiple of 4 (the data is an XDR opaque whose length word
 * ends {@code head}). The payload is sent as it is, so the data is not copied into the message;
 * whoever holds the reply last releases it ({@link #release}).
 *
 * @param xid the call's xid
 * @param head the message up to the payload: all of it when there is none
 * @param payload the bulk data, or null
 * @param payloadLength the bytes of {@code payload} that belong to the message
 */
public record RpcReply(int xid, byte[] head, PayloadBuffer payload, int payloadLength) {
    /** A reply without a payload. */
    public RpcReply(int xid, byte[] message) {
        this(xid, message, null, 0);
    }

    /** The zero bytes after the payload: XDR pads an opaque to a multiple of 4. */
    public int padding() {
        return payload == null ? 0 : -payloadLength & 3;
    }

    /** The whole message's length. */
    public int length() {
        return head.length + payloadLength + padding();
    }

    /**
     * The whole message in one array (a copy of the payload, which stays with this reply). For
     * transports that send one array (datagrams) and for whoever keeps a reply (the reply cache).
     */
    public byte[] message() {
        if (payload == null) {
            return head;
        }
        byte[] m = new byte[length()];
        System.arraycopy(head, 0, m, 0, head.length);
        ByteBuffer data = payload.nio().duplicate();
        data.position(0).limit(payloadLength);
        data.get(m, head.length, payloadLength);
        return m; // the padding is already zero
    }

    /** The same reply with its payload copied into the message: nothing to release. */
    public RpcReply detached() {
        return payload == null ? this : new RpcReply(xid, message());
    }

    /** Gives the payload back, if there is one. */
    public void release() {
        if (payload != null) {
            payload.release();
        }
    }

    /** xid, msg_type, reply_stat, verifier flavor and length, accept_stat: 6 words. */
    static final int ACCEPTED_HEADER = 24;

    private static XdrWriter accepted(XdrWriter w, int xid, int acceptStat) {
        // xid, msg_type=REPLY, reply_stat=MSG_ACCEPTED (4 bytes each)
        w.writeInt(xid).writeInt(Rpc.REPLY).writeInt(Rpc.MSG_ACCEPTED);
        // verf: AUTH_NONE, empty body
        w.writeInt(Rpc.AUTH_NONE).writeInt(0);
        // accept_stat (4 bytes)
        return w.writeInt(acceptStat);
    }

    /**
     * MSG_ACCEPTED / SUCCESS followed by the procedure's results; their {@link
     * XdrEncodable#payload() payload} becomes the reply's.
     */
    public static RpcReply success(int xid, XdrEncodable results) {
        int size = results.encodedSize();
        // a known size: one array of exactly header + results, handed over without a copy
        XdrWriter w = new XdrWriter(size > 0 ? ACCEPTED_HEADER + size : 256);
        accepted(w, xid, Rpc.SUCCESS);
        results.encode(w);
        PayloadBuffer p = results.payload();
        return new RpcReply(xid, w.finish(), p, p == null ? 0 : results.payloadLength());
    }

    /** MSG_ACCEPTED with PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS or SYSTEM_ERR. */
    public static RpcReply accepted(int xid, int acceptStat) {
        return new RpcReply(xid, accepted(new XdrWriter(32), xid, acceptStat).toByteArray());
    }

    /** MSG_ACCEPTED / PROG_MISMATCH with the lowest and highest version served. */
    public static RpcReply progMismatch(int xid, int low, int high) {
        XdrWriter w = accepted(new XdrWriter(32), xid, Rpc.PROG_MISMATCH);
        return new RpcReply(xid, w.writeInt(low).writeInt(high).toByteArray());
    }

    /** MSG_DENIED / RPC_MISMATCH with low=high=2. */
    public static RpcReply rpcMismatch(int xid) {
        XdrWriter w = new XdrWriter(32);
        w.writeInt(xid).writeInt(Rpc.REPLY).writeInt(Rpc.MSG_DENIED).writeInt(Rpc.RPC_MISMATCH);
        w.writeInt(Rpc.RPC_VERSION).writeInt(Rpc.RPC_VERSION);
        return new RpcReply(xid, w.toByteArray());
    }

    /** MSG_DENIED / AUTH_ERROR with an auth_stat. */
    public static RpcReply authError(int xid, int authStat) {
        XdrWriter w = new XdrWriter(32);
        w.writeInt(xid).writeInt(Rpc.REPLY).writeInt(Rpc.MSG_DENIED).writeInt(Rpc.AUTH_ERROR);
        w.writeInt(authStat);
        return new RpcReply(xid, w.toByteArray());
    }
}
