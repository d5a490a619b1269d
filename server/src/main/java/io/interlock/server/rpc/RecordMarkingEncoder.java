package io.interlock.server.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes each reply as a single last fragment (RFC 5531 §11; spec §1.2: simplest for clients). */
@ChannelHandler.Sharable
public final class RecordMarkingEncoder extends MessageToByteEncoder<RpcReply> {
    public RecordMarkingEncoder() {
        super(RpcReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RpcReply msg, ByteBuf out) {
        byte[] m = msg.message();
        out.ensureWritable(4 + m.length);
        out.writeInt(0x80000000 | m.length);
        out.writeBytes(m);
    }
}
