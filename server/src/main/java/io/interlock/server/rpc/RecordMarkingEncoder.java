package io.interlock.server.rpc;

import io.interlock.server.net.NettyPayloads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Writes each reply as a single last fragment (RFC 5531 §11; spec §1.2: simplest for clients). */
@ChannelHandler.Sharable
public final class RecordMarkingEncoder extends MessageToMessageEncoder<RpcReply> {
    public RecordMarkingEncoder() {
        super(RpcReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RpcReply msg, List<Object> out) {
        out.add(encode(ctx.alloc(), msg));
    }

    /**
     * {@code reply} as one record: the record mark and the head in one buffer, then a reply's payload
     * as it is (no copy: the pooled buffer the data was read into) and its padding. Takes over the
     * payload: releasing the result releases it.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, RpcReply reply) {
        byte[] head = reply.head();
        ByteBuf first = alloc.ioBuffer(4 + head.length + 3);
        first.writeInt(0x80000000 | reply.length());
        first.writeBytes(head);
        if (reply.payload() == null) {
            return first;
        }
        ByteBuf data = NettyPayloads.toByteBuf(reply.payload(), reply.payloadLength());
        int pad = reply.padding();
        CompositeByteBuf record = alloc.compositeDirectBuffer(pad == 0 ? 2 : 3);
        record.addComponent(true, first);
        record.addComponent(true, data);
        if (pad > 0) {
            record.addComponent(true, alloc.ioBuffer(pad).writeZero(pad));
        }
        return record;
    }
}
