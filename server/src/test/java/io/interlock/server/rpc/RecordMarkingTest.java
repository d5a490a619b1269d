package io.interlock.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.io.PayloadAllocator;
import io.interlock.server.core.io.PayloadBuffer;
import io.interlock.server.net.NettyPayloads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Record marking (RFC 5531 §11) on an EmbeddedChannel. */
class RecordMarkingTest {
    private static ByteBuf frag(boolean last, byte... payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt((last ? 0x80000000 : 0) | payload.length);
        b.writeBytes(payload);
        return b;
    }

    @Test
    void singleFragment_isOneRecord() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        ch.writeInbound(frag(true, (byte) 1, (byte) 2, (byte) 3, (byte) 4));
        assertThat((byte[]) ch.readInbound()).containsExactly(1, 2, 3, 4);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void multiFragment_splitAcrossReads_isReassembled() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(frag(false, (byte) 1, (byte) 2));
        all.writeBytes(frag(false));
        all.writeBytes(frag(true, (byte) 3, (byte) 4, (byte) 5));
        all.writeBytes(frag(true, (byte) 9));
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        all.release();
        assertThat((byte[]) ch.readInbound()).containsExactly(1, 2, 3, 4, 5);
        assertThat((byte[]) ch.readInbound()).containsExactly(9);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void recordOverCap_closesTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(8));
        ch.writeInbound(frag(false, new byte[6]));
        ByteBuf big = Unpooled.buffer().writeInt(0x80000000 | 6);
        ch.writeInbound(big);
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void encoder_writesOneLastFragment() {
        ByteBuf out = RecordMarkingEncoder.encode(
                UnpooledByteBufAllocator.DEFAULT, new RpcReply(1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertThat(out.readInt()).isEqualTo(0x80000008);
        assertThat(out.readableBytes()).isEqualTo(8);
        out.release();
    }

    @Test
    void replyWithPayload_isHeadThenPayloadThenPadding_oneRecord_andReleasingItReleasesThePayload() {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        PayloadBuffer payload = new NettyPayloads(alloc).allocate(8);
        payload.nio().put(new byte[] {10, 11, 12, 13, 14, 99, 99, 99});
        // head ends with the opaque's length word (5); 5 payload bytes; 3 bytes of padding
        RpcReply reply = new RpcReply(7, new byte[] {1, 2, 3, 4, 0, 0, 0, 5}, payload, 5);
        assertThat(reply.length()).isEqualTo(16);
        assertThat(reply.message()).containsExactly(1, 2, 3, 4, 0, 0, 0, 5, 10, 11, 12, 13, 14, 0, 0, 0);

        ByteBuf record = RecordMarkingEncoder.encode(alloc, reply);
        assertThat(ByteBufUtil.getBytes(record))
                .containsExactly(0x80, 0, 0, 16, 1, 2, 3, 4, 0, 0, 0, 5, 10, 11, 12, 13, 14, 0, 0, 0);
        assertThat(record.release()).isTrue();
        assertThat(alloc.metric().usedDirectMemory()).isZero(); // the payload went with the record
    }

    @Test
    void detached_copiesThePayloadIntoTheMessage() {
        PayloadBuffer payload = PayloadAllocator.HEAP.allocate(4);
        payload.nio().put(new byte[] {5, 6, 7, 8});
        RpcReply reply = new RpcReply(3, new byte[] {0, 0, 0, 4}, payload, 4);
        RpcReply kept = reply.detached();
        payload.nio().put(0, (byte) 42); // the kept copy does not see later changes
        assertThat(kept.payload()).isNull();
        assertThat(kept.message()).containsExactly(0, 0, 0, 4, 5, 6, 7, 8);
    }
}
