package io.interlock.server.smb2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a frame (a {@code byte[]} from {@link Smb2FrameDecoder}) before the dispatcher sees it. Only SMB2 messages (0xFE 'SMB', at least a header long), SMB 3.x encrypted messages
 * (0xFD 'SMB', a transform header and at least an SMB2 header) and SMB1 negotiates (0xFF 'SMB')
 * pass; anything else closes the connection.
 */
final class Smb2MessageDecoder extends MessageToMessageDecoder<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(Smb2MessageDecoder.class);

    Smb2MessageDecoder() {
        super(byte[].class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, byte[] msg, List<Object> out) {
        int n = msg.length;
        boolean smb = n >= 4 && msg[1] == 'S' && msg[2] == 'M' && msg[3] == 'B';
        int kind = n >= 1 ? msg[0] & 0xFF : 0;
        if (!smb || !((kind == 0xFE && n >= 64) || (kind == 0xFF && n >= 32) || (kind == 0xFD && n >= 52 + 64))) {
            log.warn(
                    "{}: closing: not an SMB2 message ({} bytes)", ctx.channel().remoteAddress(), n);
            ctx.close();
            return;
        }
        out.add(msg);
    }
}
