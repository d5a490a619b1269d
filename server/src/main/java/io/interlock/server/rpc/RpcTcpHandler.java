package io.interlock.server.rpc;

import io.interlock.server.core.exec.SerialLane;
import io.interlock.server.net.ConnectionGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection RPC dispatcher over TCP: decodes the call header on the event loop, runs the
 * procedure on this connection's {@link SerialLane}, writes replies as they complete (any order).
 * Reading pauses while too many calls of this connection are outstanding.
 */
public final class RpcTcpHandler extends SimpleChannelInboundHandler<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(RpcTcpHandler.class);
    private static final int HIGH_WATER = 64;
    private static final int LOW_WATER = 16;

    private final RpcCallProcessor processor;
    private final SerialLane lane;
    private final AtomicInteger outstanding = new AtomicInteger();

    public RpcTcpHandler(RpcCallProcessor processor, Executor pool) {
        this.processor = processor;
        this.lane = new SerialLane(pool);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] record) {
        Channel ch = ctx.channel();
        RpcInbound in = RpcInbound.decode(record, ch.remoteAddress());
        ConnectionGuard guard = ConnectionGuard.of(ch);
        if (guard != null && !guard.isLoggedIn() && in instanceof RpcInbound.Call call && processor.serves(call)) {
            guard.loggedIn(); // the full record cap applies from the next record on
        }
        if (outstanding.incrementAndGet() >= HIGH_WATER) {
            ch.config().setAutoRead(false);
        }
        boolean replies = processor.process(in, ch.remoteAddress(), ch.localAddress(), lane, reply -> {
            // encoded here, into buffers Netty owns: a reply's payload is released even when the
            // channel closed before the write (an RpcReply is not reference-counted)
            ch.writeAndFlush(RecordMarkingEncoder.encode(ch.alloc(), reply));
            if (outstanding.decrementAndGet() <= LOW_WATER && !ch.config().isAutoRead()) {
                ch.config().setAutoRead(true);
            }
        });
        if (!replies) {
            outstanding.decrementAndGet();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("rpc connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("rpc connection {} failed, closing", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
