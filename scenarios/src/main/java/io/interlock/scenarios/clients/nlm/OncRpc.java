package io.interlock.scenarios.clients.nlm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;

/** ONC RPC v2 message framing of the test client (RFC 5531 §9, §11): its own, not the server's. */
final class OncRpc {
    static final int CALL = 0;
    static final int REPLY = 1;
    static final int AUTH_NONE = 0;
    static final int AUTH_SYS = 1;
    static final int MAX_RECORD = 1 << 20;

    private OncRpc() {}

    /** A CALL header with AUTH_SYS (uid/gid 0, no groups) and a null verifier; append the args. */
    static XdrOut call(int xid, int prog, int vers, int proc, String machine) {
        XdrOut o = new XdrOut();
        o.int32(xid).int32(CALL).int32(2).int32(prog).int32(vers).int32(proc);
        XdrOut cred = new XdrOut();
        cred.int32(0).string(machine).int32(0).int32(0).int32(0);
        o.int32(AUTH_SYS).opaque(cred.bytes());
        return o.int32(AUTH_NONE).int32(0);
    }

    /** An accepted SUCCESS reply header; append the results. */
    static XdrOut successReply(int xid) {
        return new XdrOut()
                .int32(xid)
                .int32(REPLY)
                .int32(0)
                .int32(AUTH_NONE)
                .int32(0)
                .int32(0);
    }

    /** An accepted reply with a non-success accept_stat (PROG_UNAVAIL 1, PROC_UNAVAIL 3, GARBAGE_ARGS 4). */
    static byte[] acceptError(int xid, int acceptStat) {
        return new XdrOut()
                .int32(xid)
                .int32(REPLY)
                .int32(0)
                .int32(AUTH_NONE)
                .int32(0)
                .int32(acceptStat)
                .bytes();
    }

    /** Checks a reply to {@code xid} and returns a reader positioned at the results. */
    static XdrIn results(byte[] reply, int xid) {
        XdrIn in = new XdrIn(reply, 0);
        int got = in.int32();
        if (got != xid) {
            throw new NlmProtocolException("reply xid " + got + " for call " + xid);
        }
        if (in.int32() != REPLY) {
            throw new NlmProtocolException("not a reply");
        }
        int replyStat = in.int32();
        if (replyStat != 0) {
            int reject = in.int32();
            // RFC 5531 §9: RPC_MISMATCH (0) carries low/high versions, AUTH_ERROR (1) an auth_stat
            throw new NlmProtocolException("call denied: reject_stat " + reject
                    + (reject == 1 ? " (AUTH_ERROR, auth_stat " + in.int32() + ")" : ""));
        }
        in.int32();
        in.opaque(400);
        int accept = in.int32();
        if (accept != 0) {
            throw new NlmProtocolException("call not accepted: accept_stat " + accept);
        }
        return in;
    }

    static void writeRecord(OutputStream out, byte[] message) throws IOException {
        int h = 0x80000000 | message.length;
        byte[] frame = new byte[4 + message.length];
        frame[0] = (byte) (h >>> 24);
        frame[1] = (byte) (h >>> 16);
        frame[2] = (byte) (h >>> 8);
        frame[3] = (byte) h;
        System.arraycopy(message, 0, frame, 4, message.length);
        out.write(frame);
        out.flush();
    }

    static byte[] readRecord(DataInputStream in) throws IOException {
        byte[] record = new byte[0];
        while (true) {
            int h = in.readInt();
            int len = h & 0x7FFFFFFF;
            if (record.length + (long) len > MAX_RECORD) {
                throw new IOException("record above " + MAX_RECORD + " bytes");
            }
            byte[] next = java.util.Arrays.copyOf(record, record.length + len);
            in.readFully(next, record.length, len);
            record = next;
            if (h < 0) {
                return record;
            }
        }
    }
}
