package io.interlock.server.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint over HTTP/1.1: a Netty pipeline (HTTP codec, aggregator of at most 64 KiB,
 * {@link Handler}) on a loopback address only, in front of {@link AdminApi}. Every request needs
 * {@code Authorization: Bearer TOKEN}; a peer that is not on loopback gets 403 (the bind address
 * already rules it out; the check keeps it so if the bind ever changes). Requests are answered on
 * one admin thread, never on the event loop.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY = 64 * 1024;

    private final AdminApi api;
    private final AdminToken token;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService worker =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), r -> {
                Thread t = new Thread(r, "interlock-admin");
                t.setDaemon(true);
                return t;
            });
    private Channel channel;

    private AdminServer(AdminApi api, AdminToken token) {
        this.api = api;
        this.token = token;
    }

    /**
     * Starts the endpoint on {@code address} (which must be a loopback address; port 0 =
     * ephemeral) and returns it once it listens.
     */
    public static AdminServer start(AdminApi api, AdminToken token, InetSocketAddress address) throws IOException {
        InetAddress a = address.getAddress();
        if (a == null || !a.isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin endpoint listens on loopback only, not " + address);
        }
        AdminServer s = new AdminServer(api, token);
        try {
            s.bind(address);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void bind(InetSocketAddress address) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new Handler());
                    }
                });
        try {
            channel = b.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            if (e instanceof BindException be) {
                throw new IOException("admin port " + address.getPort() + " is in use: " + be.getMessage(), be);
            }
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        log.info("admin endpoint on {}", channel.localAddress());
    }

    /** Where the endpoint listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Authorises, then answers on the admin thread; one response per request, keep-alive honoured. */
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            if (peer == null || !peer.getAddress().isLoopbackAddress()) {
                send(ctx, AdminResponse.error(403, "loopback only"), keepAlive);
                return;
            }
            if (!token.matchesHeader(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                send(ctx, AdminResponse.error(401, "missing or wrong token (Authorization: Bearer TOKEN)"), keepAlive);
                return;
            }
            String method = req.method().name();
            String path = new QueryStringDecoder(req.uri()).path();
            String body = req.content().toString(StandardCharsets.UTF_8);
            try {
                worker.execute(() -> {
                    AdminResponse r;
                    try {
                        r = api.handle(method, path, body);
                    } catch (RuntimeException e) {
                        log.error("admin request {} {} failed", method, path, e);
                        r = AdminResponse.error(500, String.valueOf(e));
                    }
                    AdminResponse answer = r;
                    ctx.executor().execute(() -> send(ctx, answer, keepAlive));
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                send(ctx, AdminResponse.error(503, "admin endpoint busy"), false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("admin connection: {}", cause.toString());
            ctx.close();
        }
    }

    private static void send(ChannelHandlerContext ctx, AdminResponse r, boolean keepAlive) {
        byte[] bytes = r.json().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(bytes));
        if (bytes.length > 0) {
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        HttpUtil.setContentLength(resp, bytes.length);
        if (keepAlive) {
            HttpUtil.setKeepAlive(resp, true);
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        worker.shutdownNow();
    }
}
