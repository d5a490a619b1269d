package io.interlock.server.rpc;

import io.interlock.server.net.NettyPayloads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Writes each reply as a single last fragment (RFC 5531 §11; spec §1.2: simplest for clients).
 * {@link RpcTcpHandler} encodes with it on the thread that has the reply, so that the buffers are
 * Netty's before the write and a closed channel still releases a reply's payload.
 */
public final class RecordMarkingEncoder {
    private RecordMarkingEncoder() {}

    /**
     * {@code reply} as one record: the record mark and the head in one buffer, then a reply's payload
     * as it is (no copy: the pooled buffer the data was read into) and its padding. Takes over the
     * payload: releasing the result releases it.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, RpcReply reply) {
        byte[] head = reply.head();
        ByteBuf first = alloc.ioBuffer(4 + head.length);
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
