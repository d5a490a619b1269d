package io.interlock.server.smb2;

import io.interlock.server.net.ConnectionGuard;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct-TCP transport framing ([MS-SMB2] 2.1): a zero byte and a 24-bit big-endian length before
 * each SMB2 message. Frames above the cap, or other NetBIOS session packet types (except
 * keep-alive 0x85, which is skipped), close the connection. Emits each message as a {@code byte[]}. Until the connection's {@link
 * ConnectionGuard} says a session logged in, the cap is the much smaller {@code preLoginMax}: an
 * unauthenticated client cannot make the server buffer more than that.
 */
final class Smb2FrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(Smb2FrameDecoder.class);

    /** 8 MiB of data plus room for headers and a compound chain. */
    static final int MAX_FRAME = 8 * 1024 * 1024 + 64 * 1024;

    private final int preLoginMax;

    Smb2FrameDecoder() {
        this(MAX_FRAME);
    }

    /** @param preLoginMax the frame cap before a session logged in */
    Smb2FrameDecoder(int preLoginMax) {
        this.preLoginMax = Math.min(preLoginMax, MAX_FRAME);
    }

    /** The frame being received: allocated at its exact length when its header arrives, or null. */
    private byte[] frame;

    private int filled;

    /**
     * Copies each frame's bytes straight into one array of the frame's exact length as they arrive,
     * so that Netty's cumulation buffer never grows to the size of a large WRITE (growing it
     * allocated, zeroed and page-faulted fresh unpooled direct memory for every 8 MiB frame: a
     * quarter of the event loop's time in the issue 11 profile) and the frame is copied once.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ConnectionGuard guard = ConnectionGuard.of(ctx.channel());
        int cap = guard == null || guard.isLoggedIn() ? MAX_FRAME : preLoginMax;
        while (true) {
            if (frame != null) {
                int n = Math.min(in.readableBytes(), frame.length - filled);
                in.readBytes(frame, filled, n);
                filled += n;
                if (filled < frame.length) {
                    break;
                }
                out.add(frame);
                frame = null;
                continue;
            }
            if (in.readableBytes() < 4) {
                break;
            }
            int ri = in.readerIndex();
            int type = in.getUnsignedByte(ri);
            int len = in.getUnsignedMedium(ri + 1);
            if (type == 0x85) {
                in.skipBytes(4);
                continue;
            }
            if (type != 0 || len > cap) {
                String why = type != 0
                        ? "bad transport header (type 0x" + Integer.toHexString(type) + ")"
                        : "frame of " + len + " bytes exceeds the " + cap + "-byte cap"
                                + (cap < MAX_FRAME ? " before login (pre-login-max-bytes)" : "");
                in.skipBytes(in.readableBytes());
                if (guard != null) {
                    guard.close(why);
                } else {
                    log.warn("{}: closing: {}", ctx.channel().remoteAddress(), why);
                    ctx.close();
                }
                return;
            }
            in.skipBytes(4);
            // at most the cap (the small pre-login one until a session is up), as buffering it did
            frame = new byte[len];
            filled = 0;
        }
        if (guard != null) {
            guard.partial(frame != null || in.isReadable());
        }
    }
}
