package io.interlock.server.smb2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Prepends the 4-byte direct-TCP header to an outgoing message, without copying the message. */
@ChannelHandler.Sharable
final class Smb2FrameEncoder extends MessageToMessageEncoder<byte[]> {
    Smb2FrameEncoder() {
        super(byte[].class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] msg, List<Object> out) {
        byte[] hdr = {0, (byte) (msg.length >>> 16), (byte) (msg.length >>> 8), (byte) msg.length};
        out.add(Unpooled.wrappedBuffer(hdr, msg));
    }
}
