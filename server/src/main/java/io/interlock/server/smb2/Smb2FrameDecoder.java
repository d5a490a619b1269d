package io.interlock.server.smb2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct-TCP transport framing ([MS-SMB2] 2.1): a zero byte and a 24-bit big-endian length before
 * each SMB2 message. Frames above the cap, or other NetBIOS session packet types (except
 * keep-alive 0x85, which is skipped), close the connection.
 */
final class Smb2FrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(Smb2FrameDecoder.class);

    /** 8 MiB of data plus room for headers and a compound chain. */
    static final int MAX_FRAME = 8 * 1024 * 1024 + 64 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int ri = in.readerIndex();
            int type = in.getUnsignedByte(ri);
            int len = in.getUnsignedMedium(ri + 1);
            if (type == 0x85) {
                in.skipBytes(4);
                continue;
            }
            if (type != 0 || len > MAX_FRAME) {
                log.warn(
                        "{}: closing: bad transport header (type 0x{}, length {})",
                        ctx.channel().remoteAddress(),
                        Integer.toHexString(type),
                        len);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + len) {
                return;
            }
            in.skipBytes(4);
            out.add(in.readRetainedSlice(len));
        }
    }
}
