package io.interlock.suite.rpc;

import io.interlock.scenarios.clients.rpc.AuthSys;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Evidence;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A raw ONC RPC connection (RFC 5531 §9, §11) for the suites: it sends whatever bytes a test builds
 * (wrong versions, bad credentials, trailing bytes, several fragments, repeated xids) and decodes
 * every reply completely ({@link RpcReply}), rejections included. One connection, replies read by
 * the caller; not thread-safe.
 */
public final class RpcProbe implements AutoCloseable {
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Evidence evidence;
    private final String name;
    private int xid = new SecureRandom().nextInt() & 0x3FFFFFFF;

    private RpcProbe(Socket socket, Evidence evidence, String name) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.evidence = evidence;
        this.name = name;
    }

    /** Connects from an ephemeral (unprivileged) port. */
    public static RpcProbe connect(InetSocketAddress server, Duration timeout, Evidence evidence, String name)
            throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) timeout.toMillis());
            s.connect(server, (int) timeout.toMillis());
            return new RpcProbe(s, evidence, name);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Connects from {@code local} (an address, port 0), e.g. another loopback address. */
    public static RpcProbe connectFrom(
            java.net.InetAddress local, InetSocketAddress server, Duration timeout, Evidence evidence, String name)
            throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(local, 0));
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) timeout.toMillis());
            s.connect(server, (int) timeout.toMillis());
            return new RpcProbe(s, evidence, name);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The local port this connection comes from. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public int nextXid() {
        return ++xid;
    }

    /** An opaque_auth: flavor and body. */
    public record Cred(int flavor, byte[] body) {
        public static Cred none() {
            return new Cred(AUTH_NONE, new byte[0]);
        }

        /** AUTH_SYS uid/gid 0, no groups. */
        public static Cred sys() {
            return new Cred(AUTH_SYS, AuthSys.root("interlock-suite").body());
        }

        /** AUTH_SYS with {@code n} supplementary groups, even beyond the 16 the RFC allows. */
        public static Cred sysWithGids(int n) {
            XdrOut o = new XdrOut();
            o.int32(0).string("interlock-suite").int32(0).int32(0).int32(n);
            for (int i = 0; i < n; i++) {
                o.int32(1000 + i);
            }
            return new Cred(AUTH_SYS, o.bytes());
        }
    }

    /** A CALL message (RFC 5531 §9) with the given rpcvers, credential and arguments. */
    public static byte[] callMessage(int xid, int rpcvers, int prog, int vers, int proc, Cred cred, byte[] args) {
        XdrOut o = new XdrOut();
        o.int32(xid); // xid
        o.int32(0); // msg_type CALL
        o.int32(rpcvers); // rpcvers
        o.int32(prog).int32(vers).int32(proc); // prog, vers, proc
        o.int32(cred.flavor()).opaque(cred.body()); // cred
        o.int32(AUTH_NONE).int32(0); // verf: AUTH_NONE
        o.raw(args);
        return o.bytes();
    }

    /** Calls with rpcvers 2 and waits for the reply to this call's xid. */
    public RpcReply call(int prog, int vers, int proc, Cred cred, byte[] args) throws IOException {
        int x = nextXid();
        send(callMessage(x, 2, prog, vers, proc, cred, args));
        RpcReply r = readReply();
        if (r.xid() != x) {
            throw new IOException("reply xid " + r.xid() + " to call " + x);
        }
        evidence.ok(name, "rpc " + prog + "/" + vers + "/" + proc, r.toString());
        return r;
    }

    /** Sends one record as a single last fragment. */
    public void send(byte[] message) throws IOException {
        sendFragments(List.of(message));
    }

    /** Sends one record split into the given fragments (the last one carries the last-fragment bit). */
    public void sendFragments(List<byte[]> fragments) throws IOException {
        int total = 0;
        for (byte[] f : fragments) {
            total += 4 + f.length;
        }
        byte[] frame = new byte[total];
        int pos = 0;
        for (int i = 0; i < fragments.size(); i++) {
            byte[] f = fragments.get(i);
            int h = (i == fragments.size() - 1 ? 0x80000000 : 0) | f.length;
            frame[pos] = (byte) (h >>> 24);
            frame[pos + 1] = (byte) (h >>> 16);
            frame[pos + 2] = (byte) (h >>> 8);
            frame[pos + 3] = (byte) h;
            System.arraycopy(f, 0, frame, pos + 4, f.length);
            pos += 4 + f.length;
        }
        out.write(frame);
        out.flush();
    }

    /** Sends several records (each one last fragment) in a single write. */
    public void sendRecords(List<byte[]> records) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] m : records) {
            int h = 0x80000000 | m.length;
            all.write(h >>> 24);
            all.write(h >>> 16);
            all.write(h >>> 8);
            all.write(h);
            all.writeBytes(m);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Splits a message into fragments of at most {@code size} bytes. */
    public static List<byte[]> split(byte[] message, int size) {
        java.util.ArrayList<byte[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < message.length; i += size) {
            out.add(Arrays.copyOfRange(message, i, Math.min(message.length, i + size)));
        }
        return out;
    }

    /** Reads the next reply record; EOF means the server closed the connection. */
    public RpcReply readReply() throws IOException {
        byte[] record = new byte[0];
        while (true) {
            int h = in.readInt();
            int len = h & 0x7FFFFFFF;
            if (len > 8 << 20) {
                throw new IOException("reply fragment of " + len + " bytes");
            }
            byte[] next = Arrays.copyOf(record, record.length + len);
            in.readFully(next, record.length, len);
            record = next;
            if (h < 0) {
                return RpcReply.decode(record);
            }
        }
    }

    /** Whether the server keeps the connection open: a NULL call of {@code prog}/{@code vers} is answered. */
    public boolean stillAnswers(int prog, int vers) {
        try {
            return call(prog, vers, 0, Cred.none(), new byte[0]).replyStat() >= 0;
        } catch (EOFException | SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }
}
