package io.interlock.server.smb2;

import io.interlock.server.core.exec.SerialLane;
import io.interlock.server.net.ConnectionGuard;
import io.interlock.server.net.NettyPayloads;
import io.interlock.server.smb2.handlers.Smb2Dispatcher;
import io.interlock.server.smb2.handlers.Smb2Services;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2OutFrame;
import io.interlock.server.smb2.session.Smb2Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound stage: hands each decoded frame to the connection's serial lane. A quick frame
 * ({@link Smb2Dispatcher#quick}: small, never waits, every store in memory) runs right here on the
 * event loop when the lane is idle, which saves two thread hand-offs per request; anything else
 * runs on the pool. Reading pauses while too many frames of this connection wait.
 */
final class Smb2ChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Smb2ChannelHandler.class);
    private static final int PAUSE_AT = 8;
    private static final int RESUME_AT = 2;
    /** Before login one queued frame pauses reading: an unauthenticated peer pins one frame at most. */
    private static final int PRE_LOGIN_PAUSE_AT = 1;

    private static final int PRE_LOGIN_RESUME_AT = 0;

    private final Smb2Services svc;
    private final Smb2Dispatcher dispatcher;
    private final Executor pool;
    private final AtomicInteger queued = new AtomicInteger();
    private Smb2Connection conn;
    /** The connection's lane (also its {@link Smb2Connection#lane()}). */
    private SerialLane lane;

    Smb2ChannelHandler(Smb2Services svc, Smb2Dispatcher dispatcher, Executor pool) {
        this.svc = svc;
        this.dispatcher = dispatcher;
        this.pool = pool;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        lane = new SerialLane(pool);
        conn = new Smb2Connection(new ChannelTransport(ch), lane);
        svc.connections().add(conn);
        log.debug("{}: connected", conn);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] frame)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        Channel ch = ctx.channel();
        ConnectionGuard guard = ConnectionGuard.of(ch);
        boolean preLogin = guard != null && !guard.isLoggedIn();
        if (queued.incrementAndGet() >= (preLogin ? PRE_LOGIN_PAUSE_AT : PAUSE_AT)) {
            ch.config().setAutoRead(false);
        }
        Smb2Connection c = conn;
        Runnable task = () -> {
            try {
                dispatcher.frame(c, frame);
            } finally {
                boolean stillPreLogin = guard != null && !guard.isLoggedIn();
                if (queued.decrementAndGet() <= (stillPreLogin ? PRE_LOGIN_RESUME_AT : RESUME_AT)
                        && !ch.config().isAutoRead()) {
                    ch.config().setAutoRead(true);
                }
            }
        };
        if (!preLogin && dispatcher.quick(frame)) {
            lane.runNowOrQueue(task); // here on the event loop when the lane is idle
        } else {
            lane.execute(task);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Smb2Connection c = conn;
        if (c != null) {
            log.debug("{}: disconnected", c);
            c.lane().execute(() -> dispatcher.connectionClosed(c));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: closing after error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** The Netty side of {@link Smb2Transport}. */
    private record ChannelTransport(Channel ch, NettyPayloads payloads) implements Smb2Transport {
        ChannelTransport(Channel ch) {
            this(ch, new NettyPayloads(ch.alloc()));
        }

        @Override
        public void send(byte[] message) {
            ch.writeAndFlush(message, ch.voidPromise());
        }

        /**
         * One composite of direct buffers: the transport header and the small parts copied into
         * pooled memory, the payloads as they are; one write, so that nothing sent from another
         * thread (a break notification) can land between the parts, and a gathering write to the
         * socket with no further copy.
         */
        @Override
        public void send(Smb2OutFrame frame) {
            ByteBufAllocator alloc = ch.alloc();
            List<Object> parts = frame.parts();
            ByteBuf[] bufs = new ByteBuf[parts.size() + 1];
            int n = frame.length();
            bufs[0] = alloc.directBuffer(4).writeByte(0).writeMedium(n);
            for (int i = 0; i < parts.size(); i++) {
                Object p = parts.get(i);
                if (p instanceof byte[] b) {
                    bufs[i + 1] = alloc.directBuffer(b.length).writeBytes(b);
                } else {
                    Smb2OutFrame.Payload q = (Smb2OutFrame.Payload) p;
                    bufs[i + 1] = NettyPayloads.toByteBuf(q.buffer(), q.length());
                }
            }
            parts.clear();
            ch.writeAndFlush(Unpooled.wrappedBuffer(bufs.length, bufs), ch.voidPromise());
        }

        @Override
        public void close() {
            ch.close();
        }

        @Override
        public boolean isActive() {
            return ch.isActive();
        }

        @Override
        public String remote() {
            return String.valueOf(ch.remoteAddress());
        }

        @Override
        public void loggedIn() {
            ConnectionGuard g = ConnectionGuard.of(ch);
            if (g != null) {
                g.loggedIn();
            }
        }

        @Override
        public void closeFor(String reason) {
            ConnectionGuard g = ConnectionGuard.of(ch);
            if (g != null) {
                g.close(reason);
            } else {
                ch.close();
            }
        }
    }
}
