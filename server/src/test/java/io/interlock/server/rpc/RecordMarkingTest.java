package io.interlock.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingEncoder());
        ch.writeOutbound(new RpcReply(1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        ByteBuf out = ch.readOutbound();
        assertThat(out.readInt()).isEqualTo(0x80000008);
        assertThat(out.readableBytes()).isEqualTo(8);
        out.release();
    }
}
