package io.interlock.scenarios.clients;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Sockets that report every byte written to a {@link ClientActivity}, for client libraries that
 * take a {@link SocketFactory} (smbj does). The count is taken after the bytes were handed to the
 * socket, keyed by the socket's local address.
 */
public final class CountingSocketFactory extends SocketFactory {
    private final ClientActivity activity;
    private final int connectTimeoutMillis;
    private final boolean tcpNoDelay;
    private volatile Socket last;

    /** Sockets as the JDK makes them: connect waits as long as it takes, Nagle stays on. */
    public CountingSocketFactory(ClientActivity activity) {
        this.activity = activity;
        this.connectTimeoutMillis = 0;
        this.tcpNoDelay = false;
    }

    /** Sockets whose connect gives up after {@code connectTimeout}, with TCP_NODELAY. */
    public CountingSocketFactory(ClientActivity activity, Duration connectTimeout) {
        this.activity = activity;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.tcpNoDelay = true;
    }

    @Override
    public Socket createSocket() {
        Socket s = new CountingSocket(activity);
        last = s;
        return s;
    }

    /** The local address of the socket created last (a client with one connection: its connection). */
    public InetSocketAddress lastLocal() {
        Socket s = last;
        return s == null ? null : (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** The remote address of the socket created last. */
    public InetSocketAddress lastRemote() {
        Socket s = last;
        return s == null ? null : (InetSocketAddress) s.getRemoteSocketAddress();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        return connect(s, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        return connect(s, new InetSocketAddress(address, port));
    }

    private Socket connect(Socket s, InetSocketAddress to) throws IOException {
        try {
            s.connect(to, connectTimeoutMillis);
            if (tcpNoDelay) {
                s.setTcpNoDelay(true);
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static final class CountingSocket extends Socket {
        private final ClientActivity activity;
        private OutputStream out;

        CountingSocket(ClientActivity activity) {
            this.activity = activity;
        }

        @Override
        public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            activity.connected(
                    (InetSocketAddress) getLocalSocketAddress(), (InetSocketAddress) getRemoteSocketAddress());
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                InetSocketAddress local = (InetSocketAddress) getLocalSocketAddress();
                InetSocketAddress remote = (InetSocketAddress) getRemoteSocketAddress();
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        super.out.write(b);
                        activity.wrote(local, remote, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        super.out.write(b, off, len);
                        activity.wrote(local, remote, len);
                    }
                };
            }
            return out;
        }
    }
}
