package io.interlock.server.smb2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a frame into a byte array for the dispatcher (the frame buffer is released by the base
 * class). Only SMB2 messages (0xFE 'SMB', at least a header long), SMB 3.x encrypted messages
 * (0xFD 'SMB', a transform header and at least an SMB2 header) and SMB1 negotiates (0xFF 'SMB')
 * pass; anything else closes the connection.
 */
final class Smb2MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(Smb2MessageDecoder.class);

    Smb2MessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        int n = msg.readableBytes();
        int ri = msg.readerIndex();
        boolean smb = n >= 4 && msg.getByte(ri + 1) == 'S' && msg.getByte(ri + 2) == 'M' && msg.getByte(ri + 3) == 'B';
        int kind = n >= 1 ? msg.getUnsignedByte(ri) : 0;
        if (!smb || !((kind == 0xFE && n >= 64) || (kind == 0xFF && n >= 32) || (kind == 0xFD && n >= 52 + 64))) {
            log.warn(
                    "{}: closing: not an SMB2 message ({} bytes)", ctx.channel().remoteAddress(), n);
            ctx.close();
            return;
        }
        out.add(ByteBufUtil.getBytes(msg));
    }
}
