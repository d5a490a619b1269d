package io.interlock.scenarios.clients.rpc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * ONC RPC v2 messages and TCP record marking (RFC 5531 §9, §11) of the engine's clients: their
 * own, not the server's.
 */
public final class OncRpc {
    public static final int CALL = 0;
    public static final int REPLY = 1;
    public static final int RPC_VERSION = 2;
    public static final int AUTH_NONE = 0;
    /** accept_stat values (RFC 5531 §9). */
    public static final int SUCCESS = 0;

    public static final int PROG_UNAVAIL = 1;
    public static final int PROG_MISMATCH = 2;
    public static final int PROC_UNAVAIL = 3;
    public static final int GARBAGE_ARGS = 4;
    /** Largest record a reply may have unless a connection says otherwise. */
    public static final int MAX_RECORD = 1 << 20;

    private OncRpc() {}

    /**
     * One record read from a stream.
     *
     * @param message the reassembled RPC message
     * @param wireBytes bytes taken from the stream, fragment headers included
     */
    public record Record(byte[] message, int wireBytes) {}

    /**
     * A CALL header (RFC 5531 §9 {@code call_body}) with the given credential (null = AUTH_NONE)
     * and a null verifier; append the procedure's arguments.
     */
    public static XdrOut callHeader(int xid, int prog, int vers, int proc, AuthSys cred) {
        XdrOut o = new XdrOut();
        o.int32(xid); // xid
        o.int32(CALL); // msg_type
        o.int32(RPC_VERSION); // rpcvers
        o.int32(prog).int32(vers).int32(proc); // prog, vers, proc
        if (cred == null) {
            o.int32(AUTH_NONE).int32(0); // cred: AUTH_NONE, empty body
        } else {
            o.int32(AuthSys.FLAVOR).opaque(cred.body()); // cred: AUTH_SYS body
        }
        return o.int32(AUTH_NONE).int32(0); // verf: AUTH_NONE, empty body
    }

    /** A CALL header with AUTH_SYS uid/gid 0 from {@code machine}; append the arguments. */
    public static XdrOut call(int xid, int prog, int vers, int proc, String machine) {
        return callHeader(xid, prog, vers, proc, AuthSys.root(machine));
    }

    /** An accepted SUCCESS reply header; append the results. */
    public static XdrOut successReply(int xid) {
        return new XdrOut()
                .int32(xid) // xid
                .int32(REPLY) // msg_type
                .int32(0) // reply_stat MSG_ACCEPTED
                .int32(AUTH_NONE) // verf flavor
                .int32(0) // verf body length
                .int32(SUCCESS); // accept_stat
    }

    /** An accepted reply with a non-success accept_stat (PROG_UNAVAIL 1, PROC_UNAVAIL 3, GARBAGE_ARGS 4). */
    public static byte[] acceptError(int xid, int acceptStat) {
        return new XdrOut()
                .int32(xid)
                .int32(REPLY)
                .int32(0)
                .int32(AUTH_NONE)
                .int32(0)
                .int32(acceptStat)
                .bytes();
    }

    /**
     * Checks that {@code reply} is an accepted SUCCESS reply to {@code xid} and returns a reader
     * positioned at the results; anything else is an {@link RpcProtocolException} that names what
     * the peer said.
     */
    public static XdrIn results(byte[] reply, int xid) {
        XdrIn in = new XdrIn(reply);
        int got = in.int32();
        if (got != xid) {
            throw new RpcProtocolException(
                    "reply xid " + Integer.toUnsignedString(got) + " for call " + Integer.toUnsignedString(xid));
        }
        if (in.int32() != REPLY) {
            throw new RpcProtocolException("not a reply");
        }
        int replyStat = in.int32();
        if (replyStat != 0) {
            int reject = in.int32();
            String why = reject == 0
                    ? "RPC_MISMATCH (versions " + in.int32() + ".." + in.int32() + ")"
                    : reject == 1 ? "AUTH_ERROR (auth_stat " + in.int32() + ")" : "reject_stat " + reject;
            throw new RpcProtocolException("call denied: " + why);
        }
        in.int32(); // verf flavor
        in.opaque(400); // verf body
        int accept = in.int32();
        if (accept != SUCCESS) {
            String why =
                    switch (accept) {
                        case PROG_UNAVAIL -> "PROG_UNAVAIL";
                        case PROG_MISMATCH -> "PROG_MISMATCH (versions " + in.int32() + ".." + in.int32() + ")";
                        case PROC_UNAVAIL -> "PROC_UNAVAIL";
                        case GARBAGE_ARGS -> "GARBAGE_ARGS";
                        case 5 -> "SYSTEM_ERR";
                        default -> "accept_stat " + accept;
                    };
            throw new RpcProtocolException("call not accepted: " + why);
        }
        return in;
    }

    /** Writes {@code message} as one last fragment; returns the bytes written (header included). */
    public static int writeRecord(OutputStream out, byte[] message) throws IOException {
        int h = 0x80000000 | message.length;
        byte[] frame = new byte[4 + message.length];
        frame[0] = (byte) (h >>> 24);
        frame[1] = (byte) (h >>> 16);
        frame[2] = (byte) (h >>> 8);
        frame[3] = (byte) h;
        System.arraycopy(message, 0, frame, 4, message.length);
        out.write(frame);
        out.flush();
        return frame.length;
    }

    /** Reads one record of at most {@link #MAX_RECORD} bytes, reassembling its fragments. */
    public static byte[] readRecord(DataInputStream in) throws IOException {
        return readRecord(in, MAX_RECORD).message();
    }

    /**
     * Reads one record, reassembling any number of fragments (the last has bit 31 set, RFC 5531
     * §11); a record longer than {@code maxRecord} is an error (the stream is then unusable).
     */
    public static Record readRecord(DataInputStream in, int maxRecord) throws IOException {
        byte[] record = new byte[0];
        int wire = 0;
        while (true) {
            int h = in.readInt();
            wire += 4;
            int len = h & 0x7FFFFFFF;
            if (record.length + (long) len > maxRecord) {
                throw new IOException("RPC record above " + maxRecord + " bytes");
            }
            byte[] next = Arrays.copyOf(record, record.length + len);
            in.readFully(next, record.length, len);
            wire += len;
            record = next;
            if (h < 0) {
                return new Record(record, wire);
            }
        }
    }
}
