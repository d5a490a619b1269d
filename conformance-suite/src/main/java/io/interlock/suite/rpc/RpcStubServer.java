package io.interlock.suite.rpc;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny ONC RPC server over TCP for the suites, standing in for a peer host's service (its
 * portmapper, its NSM) that the target calls back. Each call goes to a handler that returns the
 * XDR results, or null for PROC_UNAVAIL. One thread per connection; daemon threads.
 */
public final class RpcStubServer implements AutoCloseable {
    /** Answers one call: the results after an accepted SUCCESS header, or null for PROC_UNAVAIL. */
    @FunctionalInterface
    public interface Handler {
        byte[] call(int prog, int vers, int proc, XdrIn args);
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RpcStubServer(ServerSocket socket, Handler handler) {
        this.socket = socket;
        this.handler = handler;
        Thread t = new Thread(this::acceptLoop, "rpc-stub-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Listens on {@code address} (port 0 for any). */
    public static RpcStubServer start(InetSocketAddress address, Handler handler) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(address);
            return new RpcStubServer(s, handler);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket c = socket.accept();
                connections.add(c);
                Thread t = new Thread(() -> serve(c), "rpc-stub-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            DataInputStream in = new DataInputStream(c.getInputStream());
            OutputStream out = c.getOutputStream();
            while (!closed) {
                byte[] record = new byte[0];
                while (true) {
                    int h = in.readInt();
                    int len = h & 0x7FFFFFFF;
                    byte[] next = Arrays.copyOf(record, record.length + len);
                    in.readFully(next, record.length, len);
                    record = next;
                    if (h < 0) {
                        break;
                    }
                }
                byte[] reply = answer(record);
                int h = 0x80000000 | reply.length;
                out.write(new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h});
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // the caller closed the connection
        } finally {
            connections.remove(c);
        }
    }

    private byte[] answer(byte[] call) {
        XdrIn in = new XdrIn(call);
        int xid = in.int32();
        in.int32(); // msg_type CALL
        in.int32(); // rpcvers
        int prog = in.int32();
        int vers = in.int32();
        int proc = in.int32();
        in.int32();
        in.opaque(400); // cred
        in.int32();
        in.opaque(400); // verf
        byte[] results = handler.call(prog, vers, proc, in);
        XdrOut o = new XdrOut().int32(xid).int32(1).int32(0).int32(0).int32(0); // REPLY, ACCEPTED, verf NONE
        if (results == null) {
            return o.int32(RpcReply.PROC_UNAVAIL).bytes();
        }
        return o.int32(RpcReply.SUCCESS).raw(results).bytes();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket c : connections) {
            try {
                c.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
