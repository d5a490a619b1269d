package io.interlock.server.rpc;

import java.net.SocketAddress;

/** One decoded inbound RPC record: a well-formed call header, or a reply to send at once. */
public sealed interface RpcInbound {
    /**
     * A CALL whose header decoded (RFC 5531 §9 call_body). Credential checks and program lookup
     * happen in {@link RpcCallProcessor}.
     *
     * @param xid transaction id, echoed in the reply
     * @param rpcVersion rpcvers (must be 2)
     * @param program prog
     * @param version vers
     * @param procedure proc
     * @param credFlavor cred flavor
     * @param credBody cred body (opaque<400>)
     * @param args the procedure arguments, positioned after the verifier
     */
    record Call(
            int xid,
            int rpcVersion,
            int program,
            int version,
            int procedure,
            int credFlavor,
            byte[] credBody,
            XdrReader args)
            implements RpcInbound {}

    /** A record that cannot be served; {@code reply} (may be null: drop it) says why. */
    record Rejected(int xid, RpcReply reply, String reason) implements RpcInbound {}

    /**
     * Decodes one RPC record (RFC 5531 §9). Never throws: a record too short to hold an xid, or a
     * REPLY, is dropped (reply null); a bad rpcvers gets RPC_MISMATCH; an oversized or truncated
     * credential or verifier gets AUTH_BADCRED / AUTH_BADVERF.
     */
    static RpcInbound decode(byte[] record, SocketAddress from) {
        XdrReader r = new XdrReader(record);
        if (r.remaining() < 8) {
            return new Rejected(0, null, "record of " + record.length + " bytes from " + from + " has no call header");
        }
        // xid (4 bytes)
        int xid = r.readInt();
        // msg_type (4 bytes)
        int type = r.readInt();
        if (type != Rpc.CALL) {
            return new Rejected(xid, null, "msg_type " + type + " is not CALL");
        }
        if (r.remaining() < 4) {
            return new Rejected(xid, RpcReply.accepted(xid, Rpc.GARBAGE_ARGS), "truncated call header");
        }
        // rpcvers (4 bytes)
        int rpcvers = r.readInt();
        if (rpcvers != Rpc.RPC_VERSION) {
            return new Rejected(xid, RpcReply.rpcMismatch(xid), "rpcvers " + rpcvers);
        }
        int prog;
        int vers;
        int proc;
        int flavor;
        byte[] cred;
        try {
            // prog, vers, proc (4 bytes each)
            prog = r.readInt();
            vers = r.readInt();
            proc = r.readInt();
            // cred: flavor (4 bytes), body opaque<400>
            flavor = r.readInt();
            cred = r.readOpaque(Rpc.MAX_AUTH_BYTES);
        } catch (XdrException e) {
            return new Rejected(xid, RpcReply.authError(xid, Rpc.AUTH_BADCRED), "bad credential: " + e.getMessage());
        }
        try {
            // verf: flavor (4 bytes), body opaque<400> (contents ignored: AUTH_NONE/AUTH_SYS only)
            r.readInt();
            r.readOpaque(Rpc.MAX_AUTH_BYTES);
        } catch (XdrException e) {
            return new Rejected(xid, RpcReply.authError(xid, Rpc.AUTH_BADVERF), "bad verifier: " + e.getMessage());
        }
        return new Call(xid, rpcvers, prog, vers, proc, flavor, cred, r);
    }
}
