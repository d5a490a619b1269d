package io.interlock.scenarios.clients.smb;

import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.protocol.transport.PacketFactory;
import com.hierynomus.protocol.transport.PacketHandlers;
import com.hierynomus.protocol.transport.PacketReceiver;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.protocol.transport.TransportLayer;
import com.hierynomus.smb.SMBPacket;
import com.hierynomus.smb.SMBPacketData;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.transport.TransportLayerFactory;
import com.hierynomus.smbj.transport.tcp.direct.DirectTcpTransportFactory;
import io.interlock.scenarios.clients.ClientActivity;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Reports one smbj connection's bytes to a {@link ClientActivity}, through smbj's public hooks
 * ({@code SmbConfig.withSocketFactory}, {@code withTransportLayerFactory}): every byte written
 * (counted once the socket write returned, NetBIOS header included) and every frame received
 * (counted, header included, only after smbj's receiver has handled it: the response future is
 * complete by then, as the ClientActivity ordering contract requires). Both are keyed by the
 * socket's local address. One instance per smbj client (one connection).
 */
final class ActivityTransportFactory implements TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> {
    private final TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> delegate = new DirectTcpTransportFactory<>();
    private final ClientActivity activity;
    private final Duration connectTimeout;
    private volatile InetSocketAddress local;
    private volatile InetSocketAddress remote;

    ActivityTransportFactory(ClientActivity activity, Duration connectTimeout) {
        this.activity = activity;
        this.connectTimeout = connectTimeout;
    }

    /** The socket factory to give smbj ({@code SmbConfig.withSocketFactory}). */
    SocketFactory socketFactory() {
        return new CountingSockets();
    }

    /** The local address of the connection, once connected. */
    InetSocketAddress local() {
        return local;
    }

    @Override
    public TransportLayer<SMBPacket<?, ?>> createTransportLayer(
            PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers, SmbConfig config) {
        Frames frames = new Frames(handlers.getPacketFactory(), handlers.getReceiver());
        return delegate.createTransportLayer(
                new PacketHandlers<>(handlers.getSerializer(), frames, frames.factory()), config);
    }

    /**
     * Remembers the size of the frame smbj's reader just read (its packet factory sees the bytes
     * after the 4-byte header) and reports it once the receiver handled it. smbj has one reader
     * thread per connection, so a single field suffices.
     */
    private final class Frames implements PacketReceiver<SMBPacketData<?>> {
        private final PacketFactory<SMBPacketData<?>> factory;
        private final PacketReceiver<SMBPacketData<?>> next;
        private int pending;

        Frames(PacketFactory<SMBPacketData<?>> factory, PacketReceiver<SMBPacketData<?>> next) {
            this.factory = factory;
            this.next = next;
        }

        PacketFactory<SMBPacketData<?>> factory() {
            return new PacketFactory<>() {
                @Override
                public SMBPacketData<?> read(byte[] data) throws Buffer.BufferException, IOException {
                    pending += 4 + data.length;
                    return factory.read(data);
                }

                @Override
                public boolean canHandle(byte[] data) {
                    return factory.canHandle(data);
                }
            };
        }

        @Override
        public void handle(SMBPacketData<?> packet) throws TransportException {
            try {
                next.handle(packet);
            } finally {
                int n = pending;
                pending = 0;
                InetSocketAddress at = local;
                if (n > 0 && at != null) {
                    activity.consumed(at, remote, n);
                }
            }
        }

        @Override
        public void handleError(Throwable t) {
            next.handleError(t);
        }
    }

    /** Connects plain sockets whose output is counted; smbj calls {@code createSocket(host, port)}. */
    private final class CountingSockets extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new CountingSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connect(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket s = new CountingSocket();
            s.bind(new InetSocketAddress(localHost, localPort));
            return connect(s, new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connect(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket s = new CountingSocket();
            s.bind(new InetSocketAddress(localAddress, localPort));
            return connect(s, new InetSocketAddress(address, port));
        }

        private Socket connect(InetSocketAddress to) throws IOException {
            return connect(new CountingSocket(), to);
        }

        private Socket connect(Socket s, InetSocketAddress to) throws IOException {
            try {
                s.connect(to, (int) connectTimeout.toMillis());
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            remote = (InetSocketAddress) s.getRemoteSocketAddress();
            local = (InetSocketAddress) s.getLocalSocketAddress();
            activity.connected(local, remote);
            return s;
        }
    }

    private final class CountingSocket extends Socket {
        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                out = new FilterOutputStream(raw) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        raw.write(b, off, len);
                        report(len);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        raw.write(b);
                        report(1);
                    }
                };
            }
            return out;
        }

        private void report(int n) {
            InetSocketAddress at = (InetSocketAddress) getLocalSocketAddress();
            if (n > 0 && at != null) {
                activity.wrote(at, (InetSocketAddress) getRemoteSocketAddress(), n);
            }
        }
    }
}
