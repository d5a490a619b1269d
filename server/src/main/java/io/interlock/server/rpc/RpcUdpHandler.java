package io.interlock.server.rpc;

import io.interlock.server.core.exec.SerialLane;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** RPC over UDP: one datagram is one record (RFC 5531 §11 applies to streams only). */
public final class RpcUdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final RpcCallProcessor processor;
    private final SerialLane lane;

    public RpcUdpHandler(RpcCallProcessor processor, Executor pool) {
        this.processor = processor;
        this.lane = new SerialLane(pool);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] record = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress sender = packet.sender();
        Channel ch = ctx.channel();
        processor.process(RpcInbound.decode(record, sender), sender, packet.recipient(), lane, reply -> {
            byte[] m = reply.message();
            reply.release();
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(m), sender));
        });
    }
}
