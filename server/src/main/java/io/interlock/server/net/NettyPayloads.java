package io.interlock.server.net;

import io.interlock.server.core.io.PayloadAllocator;
import io.interlock.server.core.io.PayloadBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * {@link PayloadAllocator} over a channel's Netty allocator: direct pooled buffers that the channel
 * writes to the socket as they are, with no copy into another direct buffer.
 */
public final class NettyPayloads implements PayloadAllocator {
    private final ByteBufAllocator alloc;

    public NettyPayloads(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    @Override
    public PayloadBuffer allocate(int capacity) {
        ByteBuf buf = alloc.directBuffer(capacity, capacity);
        return new Payload(buf, buf.nioBuffer(0, capacity));
    }

    /**
     * The first {@code length} bytes of {@code p} as a ByteBuf that takes over {@code p}'s
     * reference (releasing the ByteBuf releases {@code p}): the pooled buffer itself for ours, a
     * copy for any other (which is released here).
     */
    public static ByteBuf toByteBuf(PayloadBuffer p, int length) {
        if (p instanceof Payload n) {
            return n.buf.writerIndex(length);
        }
        ByteBuffer view = p.nio().duplicate();
        view.position(0).limit(length);
        ByteBuf copy = Unpooled.copiedBuffer(view);
        p.release();
        return copy;
    }

    private record Payload(ByteBuf buf, ByteBuffer nio) implements PayloadBuffer {
        @Override
        public void release() {
            buf.release();
        }
    }
}
