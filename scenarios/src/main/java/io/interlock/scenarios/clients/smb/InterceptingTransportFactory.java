package io.interlock.scenarios.clients.smb;

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
import io.interlock.scenarios.clients.CountingSocketFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * smbj's public hook for its receive path ({@code SmbConfig.withTransportLayerFactory}): wraps the
 * receiver smbj hands to the transport (its {@code Connection}) in an interceptor (a {@link
 * BreakInterceptor}, or none), and reports every frame received to a {@link ClientActivity} once
 * the interceptor handed it on, keyed by the connection's socket from a {@link
 * CountingSocketFactory} (which reports what is written).
 */
final class InterceptingTransportFactory implements TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> {
    private final TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> delegate = new DirectTcpTransportFactory<>();
    private final UnaryOperator<PacketReceiver<SMBPacketData<?>>> interceptor;
    private final ClientActivity activity;
    private final CountingSocketFactory sockets;

    InterceptingTransportFactory(
            UnaryOperator<PacketReceiver<SMBPacketData<?>>> interceptor,
            ClientActivity activity,
            CountingSocketFactory sockets) {
        this.interceptor = interceptor;
        this.activity = activity;
        this.sockets = sockets;
    }

    @Override
    public TransportLayer<SMBPacket<?, ?>> createTransportLayer(
            PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers, SmbConfig config) {
        // the transport's socket, known once it connected: what the activity counts are keyed by
        AtomicReference<InetSocketAddress> local = new AtomicReference<>();
        AtomicReference<InetSocketAddress> remoteEnd = new AtomicReference<>();
        PacketReceiver<SMBPacketData<?>> intercept = interceptor.apply(handlers.getReceiver());
        PacketReceiver<SMBPacketData<?>> counted = new PacketReceiver<>() {
            @Override
            public void handle(SMBPacketData<?> packet) throws TransportException {
                // NetBIOS header + message; counted once the message was handed on ([ClientActivity])
                int n = 4 + packet.getDataBuffer().wpos();
                try {
                    intercept.handle(packet);
                } finally {
                    InetSocketAddress l = local.get();
                    if (l != null) {
                        activity.consumed(l, remoteEnd.get(), n);
                    }
                }
            }

            @Override
            public void handleError(Throwable t) {
                intercept.handleError(t);
            }
        };
        PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> wrapped =
                new PacketHandlers<>(handlers.getSerializer(), counted, handlers.getPacketFactory());
        TransportLayer<SMBPacket<?, ?>> t = delegate.createTransportLayer(wrapped, config);
        return new TransportLayer<>() {
            @Override
            public void write(SMBPacket<?, ?> packet) throws TransportException {
                t.write(packet);
            }

            @Override
            public void connect(InetSocketAddress remote) throws java.io.IOException {
                t.connect(remote);
                remoteEnd.set(sockets.lastRemote());
                local.set(sockets.lastLocal());
            }

            @Override
            public void disconnect() throws java.io.IOException {
                t.disconnect();
            }

            @Override
            public boolean isConnected() {
                return t.isConnected();
            }
        };
    }
}
