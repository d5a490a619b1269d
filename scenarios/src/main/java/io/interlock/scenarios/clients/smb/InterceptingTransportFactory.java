package io.interlock.scenarios.clients.smb;

import com.hierynomus.protocol.transport.PacketHandlers;
import com.hierynomus.protocol.transport.TransportLayer;
import com.hierynomus.smb.SMBPacket;
import com.hierynomus.smb.SMBPacketData;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.transport.TransportLayerFactory;
import com.hierynomus.smbj.transport.tcp.direct.DirectTcpTransportFactory;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * smbj's public hook for its receive path ({@code SmbConfig.withTransportLayerFactory}): wraps the
 * receiver smbj hands to the transport (its {@code Connection}) in a {@link BreakInterceptor}.
 */
final class InterceptingTransportFactory implements TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> {
    private final TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> delegate = new DirectTcpTransportFactory<>();
    private final Consumer<LeaseBreakEvent> sink;
    private final ConcurrentMap<Long, LeaseBreakAckResult> ackResponses;
    private final SubstituteSigner signer;

    InterceptingTransportFactory(
            Consumer<LeaseBreakEvent> sink,
            ConcurrentMap<Long, LeaseBreakAckResult> ackResponses,
            SubstituteSigner signer) {
        this.sink = sink;
        this.ackResponses = ackResponses;
        this.signer = signer;
    }

    @Override
    public TransportLayer<SMBPacket<?, ?>> createTransportLayer(
            PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers, SmbConfig config) {
        PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> wrapped = new PacketHandlers<>(
                handlers.getSerializer(),
                new BreakInterceptor(handlers.getReceiver(), sink, ackResponses, signer),
                handlers.getPacketFactory());
        return delegate.createTransportLayer(wrapped, config);
    }
}
