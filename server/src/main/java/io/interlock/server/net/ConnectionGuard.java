package io.interlock.server.net;

import io.interlock.server.runtime.ServerLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of every TCP pipeline: enforces the connection cap and the three timeouts of
 * {@link ServerLimits} (idle, login, half-sent request) and logs every closure it makes with its
 * reason. Protocol code tells it when the connection has logged in ({@link #loggedIn()}) and frame
 * decoders when a frame is half received ({@link #partial(boolean)}); both may be called from any
 * thread.
 *
 * <p>Timeouts run on the channel's event loop against a monotonic ticker ({@link System#nanoTime}
 * by default). They are about the network, not protocol time, so they do not follow the server's
 * (possibly virtual) {@code ServerClock}: a scenario that jumps protocol time by 35 s must not
 * close its own connections.
 */
public final class ConnectionGuard extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final AttributeKey<ConnectionGuard> KEY = AttributeKey.valueOf(ConnectionGuard.class, "guard");

    private final String service;
    private final ServerLimits limits;
    private final ConnectionCounter counter;
    private final LongSupplier ticker;

    private volatile boolean loggedIn;
    private volatile long lastActivity;
    /** Ticker value when the current half-received frame began; 0 when none is pending. */
    private volatile long partialSince;

    private long connectedAt;
    private boolean counted;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;

    public ConnectionGuard(String service, ServerLimits limits, ConnectionCounter counter) {
        this(service, limits, counter, System::nanoTime);
    }

    /** With a ticker in nanoseconds (tests). */
    public ConnectionGuard(String service, ServerLimits limits, ConnectionCounter counter, LongSupplier ticker) {
        this.service = service;
        this.limits = limits;
        this.counter = counter;
        this.ticker = ticker;
    }

    /** The guard of a channel, or null when its pipeline has none (tests on bare decoders). */
    public static ConnectionGuard of(Channel ch) {
        return ch.attr(KEY).get();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().attr(KEY).set(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        long now = ticker.getAsLong();
        connectedAt = now;
        lastActivity = now;
        if (!counter.tryAcquire()) {
            log.warn(
                    "{} {}: closing: {} connections open, max-connections is {}",
                    service,
                    ctx.channel().remoteAddress(),
                    counter.open(),
                    counter.max());
            ctx.close();
            return;
        }
        counted = true;
        long period = checkPeriodNanos();
        if (period > 0) {
            check = ctx.executor().scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted) {
            counted = false;
            counter.release();
        }
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastActivity = ticker.getAsLong();
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        lastActivity = ticker.getAsLong();
        super.write(ctx, msg, promise);
    }

    /** The connection has logged in (SMB) or sent an accepted call (RPC): pre-login limits end. */
    public void loggedIn() {
        loggedIn = true;
    }

    /** Whether {@link #loggedIn()} was called. */
    public boolean isLoggedIn() {
        return loggedIn;
    }

    /** A frame decoder reports whether bytes of an unfinished frame or record are buffered. */
    public void partial(boolean pending) {
        if (!pending) {
            partialSince = 0;
        } else if (partialSince == 0) {
            long now = ticker.getAsLong();
            partialSince = now == 0 ? 1 : now;
        }
    }

    /** Closes the connection and logs why; used by the protocol stages too. */
    public void close(String reason) {
        log.info("{} {}: closing: {}", service, ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    private long checkPeriodNanos() {
        long min = Long.MAX_VALUE;
        for (Duration d : new Duration[] {limits.idleTimeout(), limits.loginTimeout(), limits.requestTimeout()}) {
            if (!d.isZero()) {
                min = Math.min(min, d.toNanos());
            }
        }
        if (min == Long.MAX_VALUE) {
            return 0;
        }
        // a quarter of the shortest timeout: a connection is closed at most 25 % late
        return Math.max(TimeUnit.MILLISECONDS.toNanos(20), Math.min(TimeUnit.SECONDS.toNanos(5), min / 4));
    }

    /** Runs on the event loop. Package-private for tests. */
    void check() {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = ticker.getAsLong();
        Duration login = limits.loginTimeout();
        Duration request = limits.requestTimeout();
        Duration idle = limits.idleTimeout();
        long since = partialSince;
        if (!loggedIn && !login.isZero() && now - connectedAt >= login.toNanos()) {
            close("not logged in within the login-timeout of " + login);
        } else if (since != 0 && !request.isZero() && now - since >= request.toNanos()) {
            close("a request still half-sent after the request-timeout of " + request);
        } else if (!idle.isZero() && now - lastActivity >= idle.toNanos()) {
            close("idle for the idle-timeout of " + idle);
        }
    }
}
