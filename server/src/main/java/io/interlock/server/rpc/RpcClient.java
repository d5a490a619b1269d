package io.interlock.server.rpc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A small blocking ONC RPC client over TCP, one call at a time: used to register with the system
 * rpcbind and by tests. Not thread-safe.
 */
public final class RpcClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextXid = (int) System.nanoTime();

    public RpcClient(InetSocketAddress server, Duration timeout) throws IOException {
        socket = new Socket();
        try {
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Encodes a CALL message (without record marking). */
    public static byte[] encodeCall(int xid, int prog, int vers, int proc, RpcCredential cred, XdrEncodable args) {
        XdrWriter w = new XdrWriter();
        w.writeInt(xid).writeInt(Rpc.CALL).writeInt(Rpc.RPC_VERSION);
        w.writeInt(prog).writeInt(vers).writeInt(proc);
        w.writeInt(cred.flavor());
        if (cred instanceof RpcCredential.Sys sys) {
            XdrWriter body = new XdrWriter();
            sys.encode(body);
            w.writeOpaque(body.toByteArray());
        } else {
            w.writeInt(0);
        }
        w.writeInt(Rpc.AUTH_NONE).writeInt(0);
        args.encode(w);
        return w.toByteArray();
    }

    /** Calls and returns the decoded reply, whatever its status. */
    public RpcReplyView call(int prog, int vers, int proc, RpcCredential cred, XdrEncodable args) throws IOException {
        int xid = ++nextXid;
        sendRecord(encodeCall(xid, prog, vers, proc, cred, args));
        RpcReplyView v = RpcReplyView.decode(readRecord());
        if (v.xid() != xid) {
            throw new IOException("reply xid " + v.xid() + " does not match call xid " + xid);
        }
        return v;
    }

    /** Sends one record as a single last fragment. */
    public void sendRecord(byte[] message) throws IOException {
        byte[] frame = new byte[4 + message.length];
        int h = 0x80000000 | message.length;
        frame[0] = (byte) (h >>> 24);
        frame[1] = (byte) (h >>> 16);
        frame[2] = (byte) (h >>> 8);
        frame[3] = (byte) h;
        System.arraycopy(message, 0, frame, 4, message.length);
        sendRaw(frame);
    }

    /** Sends bytes as they are (tests send hand-made fragments). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one reply record, reassembling fragments. */
    public byte[] readRecord() throws IOException {
        byte[] record = new byte[0];
        while (true) {
            int h = in.readInt();
            int len = h & 0x7FFFFFFF;
            if (len > 64 * 1024 * 1024) {
                throw new IOException("reply fragment of " + len + " bytes");
            }
            byte[] next = new byte[record.length + len];
            System.arraycopy(record, 0, next, 0, record.length);
            in.readFully(next, record.length, len);
            record = next;
            if (h < 0) {
                return record;
            }
        }
    }

    /** True once the server closed the connection (reads EOF within the socket timeout). */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
