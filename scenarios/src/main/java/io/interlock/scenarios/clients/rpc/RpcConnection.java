package io.interlock.scenarios.clients.rpc;

import io.interlock.scenarios.clients.ClientActivity;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One ONC RPC client connection over TCP (RFC 5531 §11 record marking) on a plain blocking socket:
 * one call at a time, the calling thread writes the call and reads the reply itself. Replies may
 * arrive in any number of fragments. A reply that does not arrive within the timeout fails the call
 * with a {@link SocketTimeoutException} and closes the connection, because a late reply would
 * otherwise be read as the answer to the next call.
 *
 * <p>Reports to its {@link ClientActivity}: {@code wrote} after each call is written, {@code
 * blocking(null)} before the reply is read, then {@code unblocked} and only after that {@code
 * consumed} with every byte taken from the socket (fragment headers included).
 */
public final class RpcConnection implements AutoCloseable {
    private final Socket socket;
    private final CountingInputStream counted;
    private final DataInputStream in;
    private final OutputStream out;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final XidSequence xids;
    private final AuthSys credential;
    private final ClientActivity activity;
    private final int maxRecord;
    private final Duration timeout;

    private RpcConnection(
            Socket socket,
            XidSequence xids,
            AuthSys credential,
            ClientActivity activity,
            int maxRecord,
            Duration timeout)
            throws IOException {
        this.socket = socket;
        this.counted = new CountingInputStream(socket.getInputStream());
        this.in = new DataInputStream(counted);
        this.out = socket.getOutputStream();
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.xids = xids;
        this.credential = credential;
        this.activity = activity;
        this.maxRecord = maxRecord;
        this.timeout = timeout;
    }

    /**
     * Connects to {@code server}.
     *
     * @param timeout bound on the connect and on each reply
     * @param xids where the xids come from (shared by a client's connections)
     * @param credential AUTH_SYS credential of every call, or null for AUTH_NONE
     * @param activity where bytes and blocking reads are reported
     * @param maxRecord the largest reply accepted
     */
    public static RpcConnection open(
            InetSocketAddress server,
            Duration timeout,
            XidSequence xids,
            AuthSys credential,
            ClientActivity activity,
            int maxRecord)
            throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(server, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            activity.connected(
                    (InetSocketAddress) s.getLocalSocketAddress(), (InetSocketAddress) s.getRemoteSocketAddress());
            return new RpcConnection(s, xids, credential, activity, maxRecord, timeout);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** {@link #open} with replies of at most {@link OncRpc#MAX_RECORD} bytes. */
    public static RpcConnection open(
            InetSocketAddress server, Duration timeout, XidSequence xids, AuthSys credential, ClientActivity activity)
            throws IOException {
        return open(server, timeout, xids, credential, activity, OncRpc.MAX_RECORD);
    }

    /** The local end, the key under which this connection's bytes are reported. */
    public InetSocketAddress local() {
        return local;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /**
     * Calls ({@code prog}, {@code vers}, {@code proc}) with the encoded {@code args} and returns a
     * reader positioned at the results of an accepted SUCCESS reply.
     *
     * @throws RpcProtocolException the reply is not an accepted SUCCESS for this xid
     * @throws SocketTimeoutException no reply within the timeout (the connection is then closed)
     */
    public synchronized XdrIn call(int prog, int vers, int proc, byte[] args) throws IOException {
        if (socket.isClosed()) {
            throw new IOException("RPC connection to " + remote + " is closed");
        }
        int xid = xids.next();
        XdrOut msg = OncRpc.callHeader(xid, prog, vers, proc, credential);
        msg.raw(args);
        int written = OncRpc.writeRecord(out, msg.bytes());
        activity.wrote(local, remote, written);
        long before = counted.count();
        byte[] reply;
        activity.blocking(null);
        try {
            reply = OncRpc.readRecord(in, maxRecord).message();
        } catch (SocketTimeoutException e) {
            closeQuietly();
            SocketTimeoutException t = new SocketTimeoutException("no reply from " + remote + " to xid "
                    + Integer.toUnsignedString(xid) + " (program " + prog + " procedure " + proc + ") within "
                    + timeout);
            t.initCause(e);
            throw t;
        } catch (IOException e) {
            closeQuietly();
            throw e;
        } finally {
            activity.unblocked();
            long n = counted.count() - before;
            if (n > 0) {
                activity.consumed(local, remote, (int) n);
            }
        }
        return OncRpc.results(reply, xid);
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a broken connection
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Counts the bytes read through it (read by one thread at a time, under the call lock). */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
